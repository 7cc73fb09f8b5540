//! calibrate (being built).

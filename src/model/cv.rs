//! cv (being built).

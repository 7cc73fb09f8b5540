//! catalogue (being built).

//! codec (being built).

//! Integration tests: one binary (ripgrep / just style), one module per area.

mod audit;
mod cli;
mod common;
mod normalize;
mod schema;
mod seed;

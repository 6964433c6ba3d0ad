//! Integration tests: one binary (ripgrep / just style), one module per area.

mod audit;
mod batch;
mod cli;
mod common;
mod damage;
mod docs;
mod hostile;
mod layouts;
mod normalize;
mod ocr;
mod ocr_batch;
mod pdf;
mod plan;
mod review;
mod schema;
mod seed;
mod snapshot;
mod templates;
mod web;

pub mod model;
pub mod pdf;

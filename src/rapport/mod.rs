pub mod model;
pub mod pdf;
pub mod xlsx;

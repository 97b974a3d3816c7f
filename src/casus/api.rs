//! API of the afstemmingsmomenten: the computed indicators.
use crate::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
}

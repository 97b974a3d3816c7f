//! Zelfscan Kwaliteitskader: questionnaire, rounds, answers, scoring, plan van aanpak,
//! routekaart and the Excel exchange.
pub mod api;
pub mod cli;
pub mod excel;
pub mod model;
pub mod plan;
pub mod repo;
pub mod routekaart;
pub mod routes;
pub mod service;
pub mod xlsx_grenzen;

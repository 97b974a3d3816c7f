//! Mijn werk: the page each user lands on after signing in, with what waits for them and
//! their organisation, most urgent first, each item linking to where it is done. It gathers
//! from the instruments (afstemmingsmomenten, plans van aanpak, Werkset); each instrument's
//! service decides what the user may see, so nothing here reveals more than those pages do.

pub mod api;
pub mod routes;
pub mod service;

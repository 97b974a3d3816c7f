//! Fictional demo registrations of the afstemmingsmomenten.

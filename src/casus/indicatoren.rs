//! Indicators computed from the registrations, with small-cell suppression.

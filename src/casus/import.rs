//! `voorop casus import --formaat csv FILE`: bulk registration, all-or-nothing.

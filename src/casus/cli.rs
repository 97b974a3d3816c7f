//! `voorop casus …` and `voorop retentie` commands.

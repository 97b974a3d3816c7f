//! PDF rendering of the Werkset report (typst). Being written.

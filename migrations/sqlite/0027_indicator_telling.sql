-- Stored indicator counts per region-year (issue 8: "rollups maintained on write, or refreshed
-- incrementally"). Each instance keeps counted indicator input (`indicatoren::Tellingen`) in
-- memory under the change marker of `indicator_versie` (0016); a started or second instance
-- begins with empty memory and counted every region-year again from the moments (tens of
-- milliseconds each, 2.6 s for the 50 region-years of the national dataset). This table keeps
-- the last count of each region-year with the marker and the day it was counted at, so that any
-- instance can reuse it while both are current. Counts are written by the background refresh
-- of `serve` and at the end of `demo` and `casus import`; reading a page never writes here.
--
-- Only aggregates: counts and the durations behind the medians (minutes, days, hours), without
-- any id of a case, moment or person. `formaat` is the shape of `tellingen` (JSON); a row of
-- another shape is ignored and counted again.
CREATE TABLE indicator_telling (
    regio_code TEXT NOT NULL,
    jaar TEXT NOT NULL,
    versie INTEGER NOT NULL,
    dag INTEGER NOT NULL,
    formaat INTEGER NOT NULL,
    tellingen TEXT NOT NULL,
    PRIMARY KEY (regio_code, jaar)
);

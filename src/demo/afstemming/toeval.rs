//! The small demo's cases: deterministic randomness.

/// xorshift64*: tiny, fast and good enough for demo data; seeded, so the output is fixed.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        let mut r = Rng(seed | 1);
        for _ in 0..8 {
            r.volgende();
        }
        r
    }
    pub(super) fn volgende(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// 0..n
    pub(super) fn onder(&mut self, n: u64) -> u64 {
        (self.volgende() >> 11) % n.max(1)
    }
    /// a..=b
    pub(super) fn tussen(&mut self, a: i64, b: i64) -> i64 {
        if b <= a {
            return a;
        }
        a + self.onder((b - a + 1) as u64) as i64
    }
    pub(super) fn kans(&mut self, procent: u32) -> bool {
        self.onder(100) < u64::from(procent)
    }
    pub(super) fn kies<T: Copy>(&mut self, uit: &[T]) -> T {
        uit[self.onder(uit.len() as u64) as usize]
    }
    pub(super) fn gewogen<T: Copy>(&mut self, uit: &[(T, u32)]) -> T {
        let totaal: u64 = uit.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut r = self.onder(totaal);
        for (x, w) in uit {
            if r < u64::from(*w) {
                return *x;
            }
            r -= u64::from(*w);
        }
        uit[uit.len() - 1].0
    }
}

/// `k` of `n` true, in random order.
pub(super) fn verdeling(rng: &mut Rng, n: usize, k: usize) -> Vec<bool> {
    let mut v: Vec<bool> = (0..n).map(|i| i < k).collect();
    for i in (1..n).rev() {
        v.swap(i, rng.onder(i as u64 + 1) as usize);
    }
    v
}

pub(super) fn zaad(jaar: i32, soort: u64) -> u64 {
    0x766f_6f72_6f70_0000 ^ ((jaar as u64) << 8) ^ soort
}

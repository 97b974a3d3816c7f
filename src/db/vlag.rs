//! A yes/no column that reads the same from both backends.
//!
//! PostgreSQL stores flags as BOOLEAN; SQLite has no boolean type and stores 0/1, which
//! sqlx's `Any` driver hands over as an integer that `bool` refuses to decode (at run time).
//! `Vlag` accepts both. Write flags as `TRUE`/`FALSE` in SQL or bind a `bool`: both backends
//! take those.

use sqlx::any::{Any, AnyTypeInfo, AnyTypeInfoKind};
use sqlx::decode::Decode;
use sqlx::error::BoxDynError;
use sqlx::{Type, Value, ValueRef};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Vlag(pub bool);

impl From<Vlag> for bool {
    fn from(v: Vlag) -> bool {
        v.0
    }
}

impl Type<Any> for Vlag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        matches!(
            ty.kind(),
            AnyTypeInfoKind::Bool
                | AnyTypeInfoKind::SmallInt
                | AnyTypeInfoKind::Integer
                | AnyTypeInfoKind::BigInt
        )
    }
}

impl<'r> Decode<'r, Any> for Vlag {
    fn decode(value: <Any as sqlx::Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let waarde = ValueRef::to_owned(&value);
        if waarde.type_info().kind() == AnyTypeInfoKind::Bool {
            return Ok(Vlag(waarde.try_decode::<bool>()?));
        }
        Ok(Vlag(waarde.try_decode::<i64>()? != 0))
    }
}

/// An optional double to bind (`hoeveelheid`, copied values in `voorop migreer`).
///
/// sqlx 0.8's `Any` driver hands a NULL `f64` to PostgreSQL as a `float4` NULL (and a NULL
/// `f32` as `float8`: the two are swapped in `AnyArguments::convert_to`). A statement first run
/// with a NULL is prepared and cached with a `float4` parameter; the next run on that connection
/// with a value sends the 8 bytes of a `float8`, and PostgreSQL refuses it ("incorrect binary
/// data format"). `Kommagetal` binds its NULL as a `float8` NULL on PostgreSQL (a REAL NULL on
/// SQLite), so the cached parameter type fits every value. `tests/integratie/migraties.rs` checks it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Kommagetal(pub Option<f64>);

impl Type<Any> for Kommagetal {
    fn type_info() -> AnyTypeInfo {
        <f64 as Type<Any>>::type_info()
    }
}

impl<'q> sqlx::Encode<'q, Any> for Kommagetal {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, BoxDynError> {
        match self.0 {
            Some(x) => <f64 as sqlx::Encode<'q, Any>>::encode_by_ref(&x, buf),
            // An `f32` NULL is what `convert_to` turns into an `f64` (`float8`) NULL (see above).
            None => <Option<f32> as sqlx::Encode<'q, Any>>::encode_by_ref(&None, buf),
        }
    }
}

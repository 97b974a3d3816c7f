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

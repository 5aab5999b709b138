//! E-certificates (电子证照): masked summaries, search and verification.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Kiosk display state of a certificate (domain.md §3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertStatus {
    /// 有效
    Valid,
    /// 即将到期 (valid, ends within 30 days)
    Expiring,
    /// 已过期
    Expired,
    /// 暂扣
    Suspended,
    /// 撤销
    Revoked,
    /// 注销
    Cancelled,
    /// 吊销
    Withdrawn,
    /// 已变更 (an older version)
    Superseded,
    #[default]
    #[serde(other)]
    Unknown,
}

impl CertStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CertStatus::Valid => "valid",
            CertStatus::Expiring => "expiring",
            CertStatus::Expired => "expired",
            CertStatus::Suspended => "suspended",
            CertStatus::Revoked => "revoked",
            CertStatus::Cancelled => "cancelled",
            CertStatus::Withdrawn => "withdrawn",
            CertStatus::Superseded => "superseded",
            CertStatus::Unknown => "unknown",
        }
    }
    /// Whether a relying party may accept the certificate today.
    pub fn is_usable(self) -> bool {
        matches!(self, CertStatus::Valid | CertStatus::Expiring)
    }
}

/// 持证主体类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HolderKind {
    /// 自然人 (code 111, 公民身份号码)
    Person,
    /// 法人和其他组织 (code 001, 统一社会信用代码)
    Organization,
    #[default]
    #[serde(other)]
    Unknown,
}

/// `POST /api/v1/certificates/search`. Personal data travel only in this body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum CertSearchRequest {
    /// 证照编号 or 电子证照标识.
    Number { number: String },
    /// Holder name + 公民身份号码 or 统一社会信用代码.
    Holder { name: String, holder_id: String },
}

/// A certificate as the kiosk may show it: masked by the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertSummary {
    /// 电子证照标识 (GB/T 36904).
    pub identifier: String,
    /// 证照名称, e.g. 营业执照.
    pub name: String,
    #[serde(default)]
    pub type_code: String,
    /// 证照编号, masked for personal certificates.
    #[serde(default)]
    pub number: String,
    /// 持证主体, masked for persons.
    #[serde(default)]
    pub holder: String,
    /// 持证主体代码 (ID number masked / USCC in clear).
    #[serde(default)]
    pub holder_code: String,
    #[serde(default)]
    pub holder_kind: HolderKind,
    /// 颁证单位.
    #[serde(default)]
    pub issuer: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub issue_date: String,
    #[serde(default)]
    pub valid_from: String,
    /// `YYYY-MM-DD`; `None` = 长期有效.
    #[serde(default)]
    pub valid_to: Option<String>,
    #[serde(default)]
    pub status: CertStatus,
    /// Days until `valid_to` (negative when past); `None` for 长期.
    #[serde(default)]
    pub days_left: Option<i64>,
}

/// `GET /api/v1/certificates/{identifier}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertDetail {
    #[serde(flatten)]
    pub summary: CertSummary,
    /// 证照所属管辖属地编码.
    #[serde(default)]
    pub area_code: String,
    /// 可信等级 A–D.
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub version: u32,
    /// 照面扩展信息 as (label, value), already masked.
    #[serde(default)]
    pub extra: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertSearchResponse {
    #[serde(default)]
    pub results: Vec<CertSummary>,
}

/// `POST /api/v1/certificates/verify`: identifier + code, or the raw QR payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertVerifyRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CertVerifyResponse {
    /// True only when the identifier exists and the code matches.
    pub authentic: bool,
    #[serde(default)]
    pub certificate: Option<CertSummary>,
}

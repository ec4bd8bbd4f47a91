//! SageMaker's public endpoint for a region, when no override is configured.

/// `https://api.sagemaker.<region>.amazonaws.com/` (`.com.cn` in the China partition), as
/// the service's endpoint rules give for the standard, non-FIPS endpoint.
pub fn default_endpoint(region: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://api.sagemaker.{region}.{suffix}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commercial_region_uses_the_amazonaws_com_host() {
        assert_eq!(
            default_endpoint("eu-west-1"),
            "https://api.sagemaker.eu-west-1.amazonaws.com/"
        );
    }

    #[test]
    fn a_china_region_uses_the_china_partition_host() {
        assert_eq!(
            default_endpoint("cn-north-1"),
            "https://api.sagemaker.cn-north-1.amazonaws.com.cn/"
        );
    }
}

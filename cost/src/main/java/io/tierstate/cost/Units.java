package io.tierstate.cost;

/** The unit of each kind of price; fixed, because the estimator does not convert units. Not API. */
final class Units {

    static final String INSTANCE_HOUR = "instance-hour";
    static final String GB = "GB";
    static final String GB_MONTH = "GB-month";
    static final String ALB_HOUR = "ALB-hour";
    static final String LCU_HOUR = "LCU-hour";
    static final String TEN_THOUSAND_REQUESTS = "10,000 requests";
    static final String PATH = "path";
    static final String CERTIFICATE_MONTH = "certificate-month";
    static final String MONTH = "month";

    private Units() {
    }
}

package io.tierstate.cost;

/**
 * The lines of a {@link UsageProfile} that a deployment's own metrics can measure, each with the
 * metric it is measured by. See {@link UsageProfile#fromMetrics(MeasuredUsage, UsageProfile)}.
 */
public enum UsageLine {
    /** {@link UsageProfile#httpsRequests()}, from CloudFront {@code Requests} (HTTP and HTTPS together). */
    HTTPS_REQUESTS("https_requests", "CloudFront Requests"),
    /** {@link UsageProfile#dataTransferOutGb()}, from CloudFront {@code BytesDownloaded}. */
    DATA_TRANSFER_OUT("data_transfer_out_gb", "CloudFront BytesDownloaded"),
    /** {@link UsageProfile#lcu()}, from ALB {@code ConsumedLCUs}. */
    LCU("lcu", "ALB ConsumedLCUs"),
    /** {@link UsageProfile#efsStorageGb()}, from EFS {@code StorageBytes} ({@code StorageClass=Total}). */
    EFS_STORAGE("efs_storage_gb", "EFS StorageBytes");

    private final String wireName;
    private final String metric;

    UsageLine(String wireName, String metric) {
        this.wireName = wireName;
        this.metric = metric;
    }

    /** @return the profile field's JSON name, e.g. {@code https_requests} */
    public String wireName() {
        return wireName;
    }

    /** @return the metric it is measured by, e.g. {@code CloudFront Requests} */
    public String metric() {
        return metric;
    }
}

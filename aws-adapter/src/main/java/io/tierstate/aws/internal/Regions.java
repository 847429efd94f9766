package io.tierstate.aws.internal;

import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** Region resolution, kept apart so that only code which needs a region loads the SDK's region chain. */
final class Regions {

    private Regions() {}

    /**
     * Reads the SDK's region chain.
     *
     * @return the region id
     * @throws SdkClientException when no region is configured anywhere (mapped by {@link AwsErrors})
     */
    static String fromDefaultChain() {
        return new DefaultAwsRegionProviderChain().getRegion().id();
    }

    /**
     * The global pseudo-region that signs CloudFront and IAM calls in the partition of a region:
     * {@code aws-cn-global} for China, {@code aws-us-gov-global} for GovCloud, else {@code aws-global}.
     *
     * @param region the configured region, or {@code null} to try the default chain
     * @return the global region
     */
    static Region globalRegionFor(String region) {
        String known = region;
        if (known == null) {
            try {
                known = fromDefaultChain();
            } catch (SdkClientException e) {
                // global services do not need a region: the commercial partition is the right guess
                return Region.AWS_GLOBAL;
            }
        }
        String id = known.toLowerCase(Locale.ROOT);
        if (id.startsWith("cn-")) {
            return Region.AWS_CN_GLOBAL;
        }
        if (id.startsWith("us-gov-")) {
            return Region.AWS_US_GOV_GLOBAL;
        }
        return Region.AWS_GLOBAL;
    }
}

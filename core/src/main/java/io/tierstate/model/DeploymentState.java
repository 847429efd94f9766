package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Everything TierState knows about one deployment: the schema v3 state document, immutable.
 *
 * <p>It reads every GeuseMaker v1 and v2 file (migrated in memory) and keeps every field it does
 * not model, at every level it models, so a file read and written back loses nothing. Absent
 * values are {@link Optional#empty()} or empty collections, never {@code null}.
 *
 * <pre>{@code
 * DeploymentState state = DeploymentState.builder()
 *     .stackName("gpu-global")
 *     .status(Status.CREATING)
 *     .config(DeploymentConfig.builder().tier(Tier.GPU).instanceType("g4dn.xlarge").build())
 *     .build();
 * DeploymentState running = state.withStatus(Status.RUNNING).withInstanceId("i-0abc");
 * String json = StateJson.write(running);
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDeploymentState.class)
@JsonDeserialize(as = ImmutableDeploymentState.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class DeploymentState {

    /** The schema version this library writes and reads up to. */
    public static final int SCHEMA_VERSION = 3;

    DeploymentState() {}

    /** @return the schema version; always {@value #SCHEMA_VERSION} once read, since reading migrates in memory */
    @JsonProperty("schema_version")
    @Value.Default
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** @return the store's write counter: each write increments it; a save whose serial is stale is refused with {@code StateConflictException} */
    @JsonProperty("serial")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @Value.Default
    public long serial() {
        return 0L;
    }

    /** @return the deployment's name, which is also its file name */
    @JsonProperty("stack_name")
    public abstract String stackName();

    /** @return the lifecycle status */
    @JsonProperty("status")
    public abstract Status status();

    /** @return when the deployment was created */
    @JsonProperty("created_at")
    public abstract Optional<Instant> createdAt();

    /** @return when the state was last written */
    @JsonProperty("updated_at")
    public abstract Optional<Instant> updatedAt();

    /** @return when the deployment was destroyed */
    @JsonProperty("terminated_at")
    public abstract Optional<Instant> terminatedAt();

    /** @return the VPC id */
    @JsonProperty("vpc_id")
    public abstract Optional<String> vpcId();

    /** @return the subnet ids; empty when none are recorded */
    @JsonProperty("subnet_ids")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<String> subnetIds();

    /** @return the security group id */
    @JsonProperty("security_group_id")
    public abstract Optional<String> securityGroupId();

    /** @return the EFS file system id */
    @JsonProperty("efs_id")
    public abstract Optional<String> efsId();

    /** @return the first EFS mount target id (GeuseMaker v1 recorded only one) */
    @JsonProperty("efs_mount_target_id")
    public abstract Optional<String> efsMountTargetId();

    /** @return every EFS mount target id; empty when none are recorded */
    @JsonProperty("efs_mount_target_ids")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<String> efsMountTargetIds();

    /** @return the mount target's IP address */
    @JsonProperty("efs_mount_target_ip")
    public abstract Optional<String> efsMountTargetIp();

    /** @return the subnet of the storage mount target */
    @JsonProperty("storage_subnet_id")
    public abstract Optional<String> storageSubnetId();

    /** @return the EC2 instance id */
    @JsonProperty("instance_id")
    public abstract Optional<String> instanceId();

    /** @return the EC2 key pair name */
    @JsonProperty("keypair_name")
    public abstract Optional<String> keypairName();

    /** @return the instance's public IP address */
    @JsonProperty("public_ip")
    public abstract Optional<String> publicIp();

    /** @return the instance's private IP address */
    @JsonProperty("private_ip")
    public abstract Optional<String> privateIp();

    /** @return the URL of the application */
    @JsonProperty("n8n_url")
    public abstract Optional<String> n8nUrl();

    /** @return the IAM role name */
    @JsonProperty("iam_role_name")
    public abstract Optional<String> iamRoleName();

    /** @return the IAM role ARN */
    @JsonProperty("iam_role_arn")
    public abstract Optional<String> iamRoleArn();

    /** @return the IAM instance profile name */
    @JsonProperty("iam_instance_profile_name")
    public abstract Optional<String> iamInstanceProfileName();

    /** @return the IAM instance profile ARN */
    @JsonProperty("iam_instance_profile_arn")
    public abstract Optional<String> iamInstanceProfileArn();

    /** @return the Application Load Balancer ARN */
    @JsonProperty("alb_arn")
    public abstract Optional<String> albArn();

    /** @return the ALB's DNS name */
    @JsonProperty("alb_dns")
    public abstract Optional<String> albDns();

    /** @return the target group ARN */
    @JsonProperty("target_group_arn")
    public abstract Optional<String> targetGroupArn();

    /** @return whether HTTPS is on */
    @JsonProperty("https_enabled")
    public abstract Optional<Boolean> httpsEnabled();

    /** @return the HTTPS endpoint */
    @JsonProperty("https_endpoint")
    public abstract Optional<String> httpsEndpoint();

    /** @return the ACM certificate ARN */
    @JsonProperty("certificate_arn")
    public abstract Optional<String> certificateArn();

    /** @return resource name to its provenance ({@code created}, {@code reused}, {@code pending} ... kept verbatim, see {@link Provenance}); written even when empty, as GeuseMaker v2 does */
    @JsonProperty("resource_provenance")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public abstract Map<String, Provenance> resourceProvenance();

    /** @return the names of the schema upgrades applied to this document, oldest first; written even when empty, as GeuseMaker v2 does */
    @JsonProperty("migration_history")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public abstract List<String> migrationHistory();

    /** @return what GeuseMaker recorded about cost */
    @JsonProperty("cost")
    public abstract Optional<CostTracking> cost();

    /** @return the configuration: tier, region, instance type ... */
    @JsonProperty("config")
    public abstract DeploymentConfig config();

    /** @return the CloudFront distribution id (v2: {@code cloudfront_id}) */
    @JsonProperty("cloudfront_distribution_id")
    public abstract Optional<String> cloudFrontDistributionId();

    /** @return the distribution's domain, e.g. {@code d111111abcdef8.cloudfront.net} (v2: {@code cloudfront_domain}) */
    @JsonProperty("cloudfront_domain_name")
    public abstract Optional<String> cloudFrontDomainName();

    /** @return the distribution status as last seen; empty means unknown until refreshed */
    @JsonProperty("cloudfront_status")
    public abstract Optional<CloudFrontStatus> cloudFrontStatus();

    /** @return whether the distribution was enabled when last seen; empty means unknown */
    @JsonProperty("cloudfront_enabled")
    public abstract Optional<Boolean> cloudFrontEnabled();

    /** @return the distribution ARN */
    @JsonProperty("cloudfront_arn")
    public abstract Optional<String> cloudFrontArn();

    /** @return the price class, e.g. {@code PriceClass_100} */
    @JsonProperty("cloudfront_price_class")
    public abstract Optional<String> cloudFrontPriceClass();

    /** @return the caller reference of the create call, written before the call so a crash never creates two */
    @JsonProperty("cloudfront_caller_reference")
    public abstract Optional<String> cloudFrontCallerReference();

    /** @return when the distribution was last described */
    @JsonProperty("cloudfront_last_checked_at")
    public abstract Optional<Instant> cloudFrontLastCheckedAt();

    /**
     * @return when a refresh found the recorded distribution gone (CloudFront answered
     *     {@code NoSuchDistribution}); empty while it is there or has not been looked for
     */
    @JsonProperty("cloudfront_gone_at")
    public abstract Optional<Instant> cloudFrontGoneAt();

    /** @return the distribution's origins as last described; empty when none are recorded */
    @JsonProperty("cloudfront_origins")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<CloudFrontOrigin> cloudFrontOrigins();

    /** @return the distribution's cache behaviours as last described, default ({@code *}) first; empty when none are recorded */
    @JsonProperty("cloudfront_cache_behaviors")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<CacheBehavior> cloudFrontCacheBehaviors();

    /**
     * @return the distribution's alternate domain names (CNAMEs) as last described; an empty list
     *     when it has none, empty when they were never read (states written before TierState read them)
     */
    @JsonProperty("cloudfront_aliases")
    public abstract Optional<List<String>> cloudFrontAliases();

    /** @return whether the deployment runs on a GPU instance; {@code false} unless recorded */
    @JsonProperty("gpu_enabled")
    @Value.Default
    public boolean gpuEnabled() {
        return false;
    }

    /** @return the GPU instance type, e.g. {@code g4dn.xlarge} */
    @JsonProperty("gpu_instance_type")
    public abstract Optional<String> gpuInstanceType();

    /** @return the AMI of the GPU instance */
    @JsonProperty("gpu_ami_id")
    public abstract Optional<String> gpuAmiId();

    /** @return the EC2 status-check result as last seen; empty means unknown */
    @JsonProperty("gpu_health_status")
    public abstract Optional<HealthStatus> gpuHealthStatus();

    /** @return the GPU model, e.g. {@code T4} */
    @JsonProperty("gpu_model")
    public abstract Optional<String> gpuModel();

    /** @return the GPU manufacturer, e.g. {@code NVIDIA} */
    @JsonProperty("gpu_manufacturer")
    public abstract Optional<String> gpuManufacturer();

    /** @return the number of GPUs */
    @JsonProperty("gpu_count")
    public abstract Optional<Integer> gpuCount();

    /** @return the total GPU memory across all GPUs, in MiB */
    @JsonProperty("gpu_memory_mib")
    public abstract Optional<Long> gpuMemoryMib();

    /** @return when the GPU instance was last described */
    @JsonProperty("gpu_last_checked_at")
    public abstract Optional<Instant> gpuLastCheckedAt();

    /**
     * @return the EC2 instance state as last described ({@code pending}, {@code running},
     *     {@code stopping}, {@code stopped}, {@code shutting-down}, {@code terminated}); empty means unknown
     */
    @JsonProperty("instance_state")
    public abstract Optional<String> instanceState();

    /** @return when a refresh found the recorded instance gone (EC2 answered {@code InvalidInstanceID.NotFound}) */
    @JsonProperty("instance_gone_at")
    public abstract Optional<Instant> instanceGoneAt();

    /** @return when a refresh found the recorded load balancer gone ({@code LoadBalancerNotFound}) */
    @JsonProperty("alb_gone_at")
    public abstract Optional<Instant> albGoneAt();

    /** @return the EFS file system's metered size in bytes as last described ({@code SizeInBytes.Value}); it changes with use */
    @JsonProperty("efs_size_bytes")
    public abstract Optional<Long> efsSizeBytes();

    /** @return when a refresh found the recorded file system gone ({@code FileSystemNotFound}) */
    @JsonProperty("efs_gone_at")
    public abstract Optional<Instant> efsGoneAt();

    /** @return the destroy journal while a destroy is in progress or pending */
    @JsonProperty("destroy_progress")
    public abstract Optional<DestroyJournal> destroyProgress();

    /**
     * Fields TierState does not model (GeuseMaker's {@code spot_*}, {@code rollback_history},
     * {@code container_images} ...), kept unchanged for the next write.
     */
    @JsonAnyGetter
    abstract Map<String, JsonNode> extra();

    /**
     * Values the file wrote where the model sees nothing: empty strings, explicit {@code null}s and
     * empty lists of modelled fields, as JSON text keyed by JSON pointer (e.g. {@code /instance_id}
     * to {@code ""}). The logic treats them as absent; a write puts each back where the value is
     * still absent, so the file keeps them as they were. Not part of {@code equals}.
     *
     * @return pointer to JSON text; empty for a state built in code
     */
    @JsonIgnore
    @Value.Auxiliary
    public abstract Map<String, String> keptAsWritten();

    /**
     * What the store noticed when it read this state, for people: e.g. that GeuseMaker rewrote the
     * file and dropped TierState's fields, and which of them were restored. Never written; not part
     * of {@code equals}.
     *
     * @return one sentence per notice; empty when there is nothing to say
     */
    @JsonIgnore
    @Value.Auxiliary
    public abstract List<String> notes();

    @Value.Check
    void check() {
        StackName.validate(stackName());
    }

    /** @return the tier, from {@code config.tier} */
    @JsonIgnore
    public Tier tier() {
        return config().tier();
    }

    /** @return the region, from {@code config.region}, or {@code us-east-1} when none is recorded */
    @JsonIgnore
    public String region() {
        return config().regionOrDefault();
    }

    /**
     * The provenance of one resource; a resource with none recorded (or an empty one) counts as created.
     *
     * @param resource a provenance key such as {@code vpc}, {@code alb}, {@code cloudfront}
     * @return its provenance
     */
    public Provenance provenance(String resource) {
        Provenance p = resourceProvenance().get(resource);
        return p == null || p.isBlank() ? Provenance.CREATED : p;
    }

    /**
     * The instance type: {@code config.instance_type}, else {@code cost.instance_type}, else
     * {@code gpu_instance_type}.
     *
     * @return the instance type, if any is recorded
     */
    @JsonIgnore
    public Optional<String> instanceType() {
        return config().instanceType()
                .or(() -> cost().flatMap(CostTracking::instanceType))
                .or(this::gpuInstanceType);
    }

    /** @return the names of the top-level fields this state carries without modelling them */
    @JsonIgnore
    public Set<String> unknownFieldNames() {
        return extra().keySet();
    }

    /** @return a builder; {@code stackName}, {@code status} and {@code config} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DeploymentState}. Start from an existing one with {@code from(state)}. */
    public static class Builder extends ImmutableDeploymentState.Builder {}

    /** @param value the new value @return a copy with {@code serial} set */
    public abstract DeploymentState withSerial(long value);

    /** @param value the new value @return a copy with {@code stack_name} set */
    public abstract DeploymentState withStackName(String value);

    /** @param value the new value @return a copy with {@code status} set */
    public abstract DeploymentState withStatus(Status value);

    /** @param value the new value @return a copy with {@code created_at} set */
    public abstract DeploymentState withCreatedAt(Instant value);

    /** @param value the new value, or empty to remove it @return a copy with {@code created_at} set or removed */
    public abstract DeploymentState withCreatedAt(Optional<? extends Instant> value);

    /** @param value the new value @return a copy with {@code updated_at} set */
    public abstract DeploymentState withUpdatedAt(Instant value);

    /** @param value the new value, or empty to remove it @return a copy with {@code updated_at} set or removed */
    public abstract DeploymentState withUpdatedAt(Optional<? extends Instant> value);

    /** @param value the new value @return a copy with {@code terminated_at} set */
    public abstract DeploymentState withTerminatedAt(Instant value);

    /** @param value the new value, or empty to remove it @return a copy with {@code terminated_at} set or removed */
    public abstract DeploymentState withTerminatedAt(Optional<? extends Instant> value);

    /** @param value the new value @return a copy with {@code vpc_id} set */
    public abstract DeploymentState withVpcId(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code vpc_id} set or removed */
    public abstract DeploymentState withVpcId(Optional<String> value);

    /** @param elements the new elements @return a copy with {@code subnet_ids} replaced */
    public abstract DeploymentState withSubnetIds(Iterable<String> elements);

    /** @param value the new value @return a copy with {@code security_group_id} set */
    public abstract DeploymentState withSecurityGroupId(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code security_group_id} set or removed */
    public abstract DeploymentState withSecurityGroupId(Optional<String> value);

    /** @param value the new value @return a copy with {@code efs_id} set */
    public abstract DeploymentState withEfsId(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code efs_id} set or removed */
    public abstract DeploymentState withEfsId(Optional<String> value);

    /** @param value the new value @return a copy with {@code efs_mount_target_id} set */
    public abstract DeploymentState withEfsMountTargetId(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code efs_mount_target_id} set or removed */
    public abstract DeploymentState withEfsMountTargetId(Optional<String> value);

    /** @param elements the new elements @return a copy with {@code efs_mount_target_ids} replaced */
    public abstract DeploymentState withEfsMountTargetIds(Iterable<String> elements);

    /** @param value the new value @return a copy with {@code efs_mount_target_ip} set */
    public abstract DeploymentState withEfsMountTargetIp(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code efs_mount_target_ip} set or removed */
    public abstract DeploymentState withEfsMountTargetIp(Optional<String> value);

    /** @param value the new value @return a copy with {@code storage_subnet_id} set */
    public abstract DeploymentState withStorageSubnetId(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code storage_subnet_id} set or removed */
    public abstract DeploymentState withStorageSubnetId(Optional<String> value);

    /** @param value the new value @return a copy with {@code instance_id} set */
    public abstract DeploymentState withInstanceId(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code instance_id} set or removed */
    public abstract DeploymentState withInstanceId(Optional<String> value);

    /** @param value the new value @return a copy with {@code keypair_name} set */
    public abstract DeploymentState withKeypairName(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code keypair_name} set or removed */
    public abstract DeploymentState withKeypairName(Optional<String> value);

    /** @param value the new value @return a copy with {@code public_ip} set */
    public abstract DeploymentState withPublicIp(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code public_ip} set or removed */
    public abstract DeploymentState withPublicIp(Optional<String> value);

    /** @param value the new value @return a copy with {@code private_ip} set */
    public abstract DeploymentState withPrivateIp(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code private_ip} set or removed */
    public abstract DeploymentState withPrivateIp(Optional<String> value);

    /** @param value the new value @return a copy with {@code n8n_url} set */
    public abstract DeploymentState withN8nUrl(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code n8n_url} set or removed */
    public abstract DeploymentState withN8nUrl(Optional<String> value);

    /** @param value the new value @return a copy with {@code iam_role_name} set */
    public abstract DeploymentState withIamRoleName(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code iam_role_name} set or removed */
    public abstract DeploymentState withIamRoleName(Optional<String> value);

    /** @param value the new value @return a copy with {@code iam_role_arn} set */
    public abstract DeploymentState withIamRoleArn(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code iam_role_arn} set or removed */
    public abstract DeploymentState withIamRoleArn(Optional<String> value);

    /** @param value the new value @return a copy with {@code iam_instance_profile_name} set */
    public abstract DeploymentState withIamInstanceProfileName(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code iam_instance_profile_name} set or removed */
    public abstract DeploymentState withIamInstanceProfileName(Optional<String> value);

    /** @param value the new value @return a copy with {@code iam_instance_profile_arn} set */
    public abstract DeploymentState withIamInstanceProfileArn(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code iam_instance_profile_arn} set or removed */
    public abstract DeploymentState withIamInstanceProfileArn(Optional<String> value);

    /** @param value the new value @return a copy with {@code alb_arn} set */
    public abstract DeploymentState withAlbArn(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code alb_arn} set or removed */
    public abstract DeploymentState withAlbArn(Optional<String> value);

    /** @param value the new value @return a copy with {@code alb_dns} set */
    public abstract DeploymentState withAlbDns(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code alb_dns} set or removed */
    public abstract DeploymentState withAlbDns(Optional<String> value);

    /** @param value the new value @return a copy with {@code target_group_arn} set */
    public abstract DeploymentState withTargetGroupArn(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code target_group_arn} set or removed */
    public abstract DeploymentState withTargetGroupArn(Optional<String> value);

    /** @param value the new value @return a copy with {@code https_enabled} set */
    public abstract DeploymentState withHttpsEnabled(boolean value);

    /** @param value the new value, or empty to remove it @return a copy with {@code https_enabled} set or removed */
    public abstract DeploymentState withHttpsEnabled(Optional<Boolean> value);

    /** @param value the new value @return a copy with {@code https_endpoint} set */
    public abstract DeploymentState withHttpsEndpoint(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code https_endpoint} set or removed */
    public abstract DeploymentState withHttpsEndpoint(Optional<String> value);

    /** @param value the new value @return a copy with {@code certificate_arn} set */
    public abstract DeploymentState withCertificateArn(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code certificate_arn} set or removed */
    public abstract DeploymentState withCertificateArn(Optional<String> value);

    /** @param elements the notices @return a copy carrying them */
    public abstract DeploymentState withNotes(Iterable<String> elements);

    /** @param entries the values as written, by JSON pointer @return a copy keeping them */
    public abstract DeploymentState withKeptAsWritten(Map<String, ? extends String> entries);

    /** @param entries the new entries @return a copy with {@code resource_provenance} replaced */
    public abstract DeploymentState withResourceProvenance(Map<String, ? extends Provenance> entries);

    /** @param elements the new elements @return a copy with {@code migration_history} replaced */
    public abstract DeploymentState withMigrationHistory(Iterable<String> elements);

    /** @param value the new value @return a copy with {@code cost} set */
    public abstract DeploymentState withCost(CostTracking value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cost} set or removed */
    public abstract DeploymentState withCost(Optional<? extends CostTracking> value);

    /** @param value the new value @return a copy with {@code config} set */
    public abstract DeploymentState withConfig(DeploymentConfig value);

    /** @param value the new value @return a copy with {@code cloudfront_distribution_id} set */
    public abstract DeploymentState withCloudFrontDistributionId(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_distribution_id} set or removed */
    public abstract DeploymentState withCloudFrontDistributionId(Optional<String> value);

    /** @param value the new value @return a copy with {@code cloudfront_domain_name} set */
    public abstract DeploymentState withCloudFrontDomainName(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_domain_name} set or removed */
    public abstract DeploymentState withCloudFrontDomainName(Optional<String> value);

    /** @param value the new value @return a copy with {@code cloudfront_status} set */
    public abstract DeploymentState withCloudFrontStatus(CloudFrontStatus value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_status} set or removed */
    public abstract DeploymentState withCloudFrontStatus(Optional<? extends CloudFrontStatus> value);

    /** @param value the new value @return a copy with {@code cloudfront_enabled} set */
    public abstract DeploymentState withCloudFrontEnabled(boolean value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_enabled} set or removed */
    public abstract DeploymentState withCloudFrontEnabled(Optional<Boolean> value);

    /** @param value the new value @return a copy with {@code cloudfront_arn} set */
    public abstract DeploymentState withCloudFrontArn(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_arn} set or removed */
    public abstract DeploymentState withCloudFrontArn(Optional<String> value);

    /** @param value the new value @return a copy with {@code cloudfront_price_class} set */
    public abstract DeploymentState withCloudFrontPriceClass(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_price_class} set or removed */
    public abstract DeploymentState withCloudFrontPriceClass(Optional<String> value);

    /** @param value the new value @return a copy with {@code cloudfront_caller_reference} set */
    public abstract DeploymentState withCloudFrontCallerReference(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_caller_reference} set or removed */
    public abstract DeploymentState withCloudFrontCallerReference(Optional<String> value);

    /** @param value the new value @return a copy with {@code cloudfront_last_checked_at} set */
    public abstract DeploymentState withCloudFrontLastCheckedAt(Instant value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_last_checked_at} set or removed */
    public abstract DeploymentState withCloudFrontLastCheckedAt(Optional<? extends Instant> value);

    /** @param value the new value @return a copy with {@code cloudfront_gone_at} set */
    public abstract DeploymentState withCloudFrontGoneAt(Instant value);

    /** @param value the new value, or empty to remove it @return a copy with {@code cloudfront_gone_at} set or removed */
    public abstract DeploymentState withCloudFrontGoneAt(Optional<? extends Instant> value);

    /** @param elements the new elements @return a copy with {@code cloudfront_origins} replaced */
    public abstract DeploymentState withCloudFrontOrigins(Iterable<? extends CloudFrontOrigin> elements);

    /** @param elements the new elements @return a copy with {@code cloudfront_cache_behaviors} replaced */
    public abstract DeploymentState withCloudFrontCacheBehaviors(Iterable<? extends CacheBehavior> elements);

    /** @param value the new value @return a copy with {@code gpu_enabled} set */
    public abstract DeploymentState withGpuEnabled(boolean value);

    /** @param value the new value @return a copy with {@code gpu_instance_type} set */
    public abstract DeploymentState withGpuInstanceType(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code gpu_instance_type} set or removed */
    public abstract DeploymentState withGpuInstanceType(Optional<String> value);

    /** @param value the new value @return a copy with {@code gpu_ami_id} set */
    public abstract DeploymentState withGpuAmiId(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code gpu_ami_id} set or removed */
    public abstract DeploymentState withGpuAmiId(Optional<String> value);

    /** @param value the new value @return a copy with {@code gpu_health_status} set */
    public abstract DeploymentState withGpuHealthStatus(HealthStatus value);

    /** @param value the new value, or empty to remove it @return a copy with {@code gpu_health_status} set or removed */
    public abstract DeploymentState withGpuHealthStatus(Optional<? extends HealthStatus> value);

    /** @param value the new value @return a copy with {@code gpu_model} set */
    public abstract DeploymentState withGpuModel(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code gpu_model} set or removed */
    public abstract DeploymentState withGpuModel(Optional<String> value);

    /** @param value the new value @return a copy with {@code gpu_manufacturer} set */
    public abstract DeploymentState withGpuManufacturer(String value);

    /** @param value the new value, or empty to remove it @return a copy with {@code gpu_manufacturer} set or removed */
    public abstract DeploymentState withGpuManufacturer(Optional<String> value);

    /** @param value the new value @return a copy with {@code gpu_count} set */
    public abstract DeploymentState withGpuCount(int value);

    /** @param value the new value, or empty to remove it @return a copy with {@code gpu_count} set or removed */
    public abstract DeploymentState withGpuCount(Optional<Integer> value);

    /** @param value the new value @return a copy with {@code gpu_memory_mib} set */
    public abstract DeploymentState withGpuMemoryMib(long value);

    /** @param value the new value, or empty to remove it @return a copy with {@code gpu_memory_mib} set or removed */
    public abstract DeploymentState withGpuMemoryMib(Optional<Long> value);

    /** @param value the new value @return a copy with {@code gpu_last_checked_at} set */
    public abstract DeploymentState withGpuLastCheckedAt(Instant value);

    /** @param value the new value, or empty to remove it @return a copy with {@code gpu_last_checked_at} set or removed */
    public abstract DeploymentState withGpuLastCheckedAt(Optional<? extends Instant> value);

    /** @param value the aliases, or empty when unknown @return a copy with {@code cloudfront_aliases} set or removed */
    public abstract DeploymentState withCloudFrontAliases(Optional<? extends List<String>> value);

    /** @param value the new value @return a copy with {@code cloudfront_aliases} set */
    public abstract DeploymentState withCloudFrontAliases(List<String> value);

    /** @param value the new value, or empty to remove it @return a copy with {@code instance_state} set or removed */
    public abstract DeploymentState withInstanceState(Optional<String> value);

    /** @param value the new value, or empty to remove it @return a copy with {@code instance_gone_at} set or removed */
    public abstract DeploymentState withInstanceGoneAt(Optional<? extends Instant> value);

    /** @param value the new value, or empty to remove it @return a copy with {@code alb_gone_at} set or removed */
    public abstract DeploymentState withAlbGoneAt(Optional<? extends Instant> value);

    /** @param value the new value, or empty to remove it @return a copy with {@code efs_size_bytes} set or removed */
    public abstract DeploymentState withEfsSizeBytes(Optional<Long> value);

    /** @param value the new value, or empty to remove it @return a copy with {@code efs_gone_at} set or removed */
    public abstract DeploymentState withEfsGoneAt(Optional<? extends Instant> value);

    /** @param value the new value @return a copy with {@code destroy_progress} set */
    public abstract DeploymentState withDestroyProgress(DestroyJournal value);

    /** @param value the new value, or empty to remove it @return a copy with {@code destroy_progress} set or removed */
    public abstract DeploymentState withDestroyProgress(Optional<? extends DestroyJournal> value);

}

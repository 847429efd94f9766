package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * {@link LoadBalancingPort} on the AWS SDK's Elastic Load Balancing v2 client. Obtain it from
 * {@link AwsCloud#loadBalancing()}.
 *
 * <p>AWS documents {@code DeleteLoadBalancer} as succeeding for a load balancer that is already
 * gone (and does not document a NotFound error for {@code DeleteTargetGroup}), so deleting twice is
 * usually not an error; a {@code LoadBalancerNotFound} or {@code TargetGroupNotFound} that an
 * endpoint does send becomes {@link ResourceNotFoundException}. A target group still used by a
 * listener gives {@code ResourceInUse}, mapped to {@link io.tierstate.error.ResourceInUseException}.
 *
 * <p>A load balancer with deletion protection refuses {@code DeleteLoadBalancer} with
 * {@code OperationNotPermitted}, mapped to a non-retryable {@link CloudOperationException} that says
 * how to turn the protection off ({@link #setDeletionProtection(String, boolean)}).
 * {@link #listeners(String)} reads the domain names of HTTPS listeners' certificates from ACM in the
 * load balancer's region; an identity that may not describe certificates gets the listeners without
 * domain names (logged at DEBUG), which makes CloudFront use HTTP to the origin.
 */
public final class SdkLoadBalancingAdapter implements LoadBalancingPort {

    private static final Logger LOG = LoggerFactory.getLogger(SdkLoadBalancingAdapter.class);

    private static final String DELETION_PROTECTION = "deletion_protection.enabled";

    private final AwsClients clients;

    SdkLoadBalancingAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public LoadBalancerDescription describeLoadBalancer(String arn) {
        Objects.requireNonNull(arn, "arn");
        List<LoadBalancer> found = call("elasticloadbalancing:DescribeLoadBalancers", arn,
                () -> clients.loadBalancing().describeLoadBalancers(b -> b.loadBalancerArns(arn)).loadBalancers());
        LoadBalancer lb = found.stream().filter(l -> arn.equals(l.loadBalancerArn())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("elasticloadbalancing:DescribeLoadBalancers", arn, null, null, null));
        String state = lb.state() == null ? "unknown" : lb.state().codeAsString();
        return new LoadBalancerDescription(lb.loadBalancerArn(), lb.dnsName(), state);
    }

    @Override
    public void deleteLoadBalancer(String arn) {
        Objects.requireNonNull(arn, "arn");
        run("elasticloadbalancing:DeleteLoadBalancer", arn,
                () -> clients.loadBalancing().deleteLoadBalancer(b -> b.loadBalancerArn(arn)));
    }

    @Override
    public void deleteTargetGroup(String arn) {
        Objects.requireNonNull(arn, "arn");
        run("elasticloadbalancing:DeleteTargetGroup", arn,
                () -> clients.loadBalancing().deleteTargetGroup(b -> b.targetGroupArn(arn)));
    }

    @Override
    public TargetGroupDescription describeTargetGroup(String arn) {
        Objects.requireNonNull(arn, "arn");
        List<TargetGroup> found = call("elasticloadbalancing:DescribeTargetGroups", arn,
                () -> clients.loadBalancing().describeTargetGroups(b -> b.targetGroupArns(arn)).targetGroups());
        TargetGroup group = found.stream().filter(t -> arn.equals(t.targetGroupArn())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("elasticloadbalancing:DescribeTargetGroups", arn, null, null, null));
        return new TargetGroupDescription(group.targetGroupArn(), group.loadBalancerArns());
    }

    @Override
    public boolean deletionProtection(String arn) {
        Objects.requireNonNull(arn, "arn");
        List<LoadBalancerAttribute> attributes = call("elasticloadbalancing:DescribeLoadBalancerAttributes", arn,
                () -> clients.loadBalancing().describeLoadBalancerAttributes(b -> b.loadBalancerArn(arn)).attributes());
        return attributes.stream().anyMatch(a -> DELETION_PROTECTION.equals(a.key()) && "true".equalsIgnoreCase(a.value()));
    }

    @Override
    public void setDeletionProtection(String arn, boolean enabled) {
        Objects.requireNonNull(arn, "arn");
        run("elasticloadbalancing:ModifyLoadBalancerAttributes", arn, () -> clients.loadBalancing()
                .modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arn).attributes(LoadBalancerAttribute.builder()
                        .key(DELETION_PROTECTION).value(String.valueOf(enabled)).build())));
    }

    @Override
    public List<Listener> listeners(String arn) {
        Objects.requireNonNull(arn, "arn");
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> found = call(
                "elasticloadbalancing:DescribeListeners", arn, () -> {
                    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> all = new ArrayList<>();
                    clients.loadBalancing().describeListenersPaginator(b -> b.loadBalancerArn(arn)).listeners().forEach(all::add);
                    return all;
                });
        List<Listener> listeners = new ArrayList<>();
        for (var listener : found) {
            String protocol = listener.protocolAsString() == null ? "" : listener.protocolAsString();
            List<String> domains = new ArrayList<>();
            if ("HTTPS".equalsIgnoreCase(protocol)) {
                for (Certificate certificate : listener.certificates()) {
                    domains.addAll(certificateDomains(certificate.certificateArn()));
                }
            }
            listeners.add(new Listener(listener.listenerArn(), protocol, listener.port() == null ? 0 : listener.port(),
                    List.copyOf(new LinkedHashSet<>(domains))));
        }
        return List.copyOf(listeners);
    }

    /** The domain name and alternative names of an ACM certificate; none when ACM may not be asked. */
    private List<String> certificateDomains(String certificateArn) {
        if (certificateArn == null || !certificateArn.contains(":acm:")) {
            // an IAM server certificate: ACM cannot describe it
            return List.of();
        }
        try {
            CertificateDetail detail = call("acm:DescribeCertificate", certificateArn,
                    () -> clients.acm().describeCertificate(b -> b.certificateArn(certificateArn)).certificate());
            Set<String> names = new LinkedHashSet<>();
            if (detail.domainName() != null) {
                names.add(detail.domainName());
            }
            names.addAll(detail.subjectAlternativeNames());
            return List.copyOf(names);
        } catch (CloudOperationException e) {
            boolean denied = e.errorCode().filter(c -> c.startsWith("AccessDenied") || c.equals("UnauthorizedOperation")).isPresent();
            if (!denied && !(e instanceof ResourceNotFoundException)) {
                throw e;
            }
            LOG.debug("certificate {} is read without its domain names: {}", certificateArn, e.getMessage());
            return List.of();
        }
    }
}

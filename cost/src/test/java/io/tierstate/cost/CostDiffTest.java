package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierstate.error.InvalidInputException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostDiffTest {

    private static final CostEstimator ESTIMATOR = PriceCatalog.defaults().estimator();

    private static Plan gpu(String type) {
        return Plan.builder().label("gpu").instanceType(type).hasAlb(true).hasCloudFront(true).build();
    }

    private static CostDiff.Line line(CostDiff d, String description) {
        return d.lines().stream().filter(l -> l.description().equals(description)).findFirst().orElseThrow();
    }

    @Test
    void diff_otherInstanceType_removesOneEc2LineAndAddsTheOther() {
        CostEstimate before = ESTIMATOR.estimate(gpu("g4dn.xlarge"), UsageProfile.defaults());
        CostEstimate after = ESTIMATOR.estimate(gpu("g5.2xlarge"), UsageProfile.defaults());

        CostDiff d = before.diff(after);

        // 0.526 x 730 = 383.98 goes; 1.212 x 730 = 884.76 comes
        assertThat(line(d, "g4dn.xlarge on-demand").after()).isEqualByComparingTo("0");
        assertThat(line(d, "g4dn.xlarge on-demand").delta()).isEqualByComparingTo("-383.98");
        assertThat(line(d, "g5.2xlarge on-demand").before()).isEqualByComparingTo("0");
        assertThat(line(d, "g5.2xlarge on-demand").delta()).isEqualByComparingTo("884.76");
        assertThat(line(d, "Application Load Balancer hours").delta()).isEqualByComparingTo("0");
        // 884.76 - 383.98 = 500.78; 445.745 + 500.78 = 946.525
        assertThat(d.subtotalDeltas().get(ChargedResource.EC2)).isEqualByComparingTo("500.78");
        assertThat(d.subtotalDeltas().get(ChargedResource.ALB)).isEqualByComparingTo("0");
        assertThat(d.totalDelta()).isEqualByComparingTo("500.78");
        assertThat(d.after().monthlyTotal()).isEqualByComparingTo("946.525");
        assertThat(d.render()).contains("-  EC2         g4dn.xlarge on-demand").contains("+  EC2         g5.2xlarge").contains("+500.78")
                .contains("Monthly total  USD 445.75 -> USD 946.53 (+500.78 a month)").isEqualTo(d.toString());
    }

    @Test
    void diff_withoutCloudFront_chargesDataOutAtTheEc2Rate() throws Exception {
        CostEstimate before = ESTIMATOR.estimate(gpu("g4dn.xlarge"), UsageProfile.defaults());
        CostEstimate after = ESTIMATOR.estimate(Plan.builder().from(gpu("g4dn.xlarge")).hasCloudFront(false).build(),
                UsageProfile.defaults());

        CostDiff d = before.diff(after);

        // CloudFront 8.50 + 1.00 + 0 = 9.50 goes; EC2 data out 100 GB x 0.09 = 9.00 comes: -0.50
        assertThat(d.subtotalDeltas().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo("-9.5");
        assertThat(d.subtotalDeltas().get(ChargedResource.DATA_TRANSFER)).isEqualByComparingTo("9");
        assertThat(d.totalDelta()).isEqualByComparingTo("-0.5");
        assertThat(d.render()).contains("(-0.50 a month)");
        JsonNode json = CatalogJson.MAPPER.readTree(d.toJson());
        assertThat(json.get("monthly_delta").asText()).isEqualTo("-0.5");
        assertThat(json.get("monthly_delta_display").asText()).isEqualTo("-0.50");
        assertThat(json.get("monthly_total_before").asText()).isEqualTo("445.745");
        assertThat(json.at("/subtotal_deltas/data_transfer").asText()).isEqualTo("9");
        assertThat(json.get("lines").size()).isEqualTo(d.lines().size());
        assertThat(json.at("/lines/0/resource").asText()).isEqualTo("ec2");
        assertThat(json.at("/lines/0/delta").asText()).isEqualTo("0");
    }

    @Test
    void diff_ofAnEstimateWithItself_isZeroEverywhere() {
        CostEstimate e = ESTIMATOR.estimate(gpu("g4dn.xlarge"), UsageProfile.defaults());

        CostDiff d = e.diff(e);

        assertThat(d.lines()).hasSize(e.lineItems().size()).allMatch(l -> l.delta().signum() == 0);
        assertThat(d.totalDelta()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void diff_otherCurrency_isRefusedWithTheFix() {
        CostEstimate usd = ESTIMATOR.estimate(gpu("g4dn.xlarge"), UsageProfile.defaults());
        CostEstimate eur = PriceCatalog.defaults().withCurrency("EUR").estimator()
                .estimate(gpu("g4dn.xlarge"), UsageProfile.defaults());

        assertThatThrownBy(() -> usd.diff(eur)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("EUR").hasMessageContaining("one catalog");
    }
}

/**
 * Monthly cost estimates for tiered AWS deployments: a dated {@link io.tierstate.cost.PriceCatalog},
 * a {@link io.tierstate.cost.UsageProfile}, and the {@link io.tierstate.cost.CostEstimator} that
 * turns what is deployed ({@link io.tierstate.cost.DeploymentResources}) or planned
 * ({@link io.tierstate.cost.Plan}) into a {@link io.tierstate.cost.CostEstimate} with one line per
 * charge.
 *
 * <pre>{@code
 * Plan tier3 = Plan.builder().label("gpu").instanceType("g4dn.xlarge").hasAlb(true).hasCloudFront(true).build();
 * CostEstimate estimate = PriceCatalog.defaults().estimator().estimate(tier3, UsageProfile.defaults());
 * String text = estimate.render();      // aligned table, subtotals, total, "as of" date
 * BigDecimal exact = estimate.monthlyTotal();  // 445.745 (USD, exact)
 * }</pre>
 *
 * <p>All arithmetic is exact {@link java.math.BigDecimal}; amounts are rounded half-up to cents only
 * when they are shown. This module knows nothing about the state model of {@code tierstate-core},
 * tiers included: the core maps a deployment state onto {@link io.tierstate.cost.DeploymentResources}
 * and a tier onto a {@link io.tierstate.cost.Plan} ({@code io.tierstate.model.CostSubjects}).
 */
@Value.Style(
        typeImmutable = "Immutable*",
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        jdkOnly = true,
        depluralize = true)
package io.tierstate.cost;

import org.immutables.value.Value;

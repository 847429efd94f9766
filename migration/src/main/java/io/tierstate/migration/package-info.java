/**
 * Flyway for JSON state documents: versioned {@link io.tierstate.migration.Upgrader}s, checked as a
 * chain, that bring GeuseMaker v1 and v2 deployment state files to TierState's schema v3 without
 * losing a field.
 *
 * <p>Start with {@link io.tierstate.migration.StateMigrator#standard()}:
 *
 * <pre>{@code
 * MigrationResult result = StateMigrator.standard().migrate(new ObjectMapper().readTree(file), file.getName());
 * ObjectNode v3 = result.document();
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.tierstate.migration.StateMigrator} — {@code info}, {@code validate}, {@code migrate}.</li>
 *   <li>{@link io.tierstate.migration.V1ToV2Upgrader}, {@link io.tierstate.migration.V2ToV3Upgrader} — the
 *       standard steps (SPEC section 3).</li>
 *   <li>{@link io.tierstate.migration.SchemaVersion}, {@link io.tierstate.migration.StateRules},
 *       {@link io.tierstate.migration.GpuInstanceTypes} — the format's rules, shared with other modules.</li>
 * </ul>
 *
 * <p>Only Jackson's tree types ({@code JsonNode}, {@code ObjectNode}) appear in public signatures.
 * Documents are never mutated in place and unknown fields survive at every level. Errors extend
 * {@link io.tierstate.error.TierStateException} and say what is wrong, with the values, and what to do.
 */
package io.tierstate.migration;

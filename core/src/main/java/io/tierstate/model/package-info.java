/**
 * The immutable deployment state model: {@link io.tierstate.model.DeploymentState} and the value
 * types it is made of, with their JSON form ({@link io.tierstate.StateJson}).
 *
 * <p>Every value type keeps the JSON fields it does not model, so a state read from a GeuseMaker
 * file and written back loses nothing. Change a value with its {@code withX(..)} methods or
 * {@code builder().from(x)}.
 */
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        jdkOnly = true,
        depluralize = true,
        defaults = @Value.Immutable(copy = true))
package io.tierstate.model;

import org.immutables.value.Value;

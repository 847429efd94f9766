/**
 * {@link io.tierstate.sim.SimulatedCloud}: an in-memory implementation of every cloud port that
 * enforces AWS's ordering rules, on a {@link io.tierstate.sim.VirtualClock} so that long waits cost
 * nothing, with AWS-like {@link io.tierstate.sim.Latencies} and seeded {@link io.tierstate.sim.Faults}.
 * The demo, the tests and the benchmarks run on it; the {@code tierstate} program keeps its world in
 * the home with {@code --cloud simulated}.
 *
 * <pre>{@code
 * SimulatedCloud cloud = SimulatedCloud.builder().faults(Faults.builder().throttling(0.2).build()).build();
 * cloud.adopt(client.deployment("gpu-global").state());   // the recorded resources now exist
 * // ... destroy through the ports, then:
 * assert cloud.liveResources().isEmpty();
 * }</pre>
 */
package io.tierstate.sim;

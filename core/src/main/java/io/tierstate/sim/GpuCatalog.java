package io.tierstate.sim;

import io.tierstate.port.GpuSpec;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The GPUs of the instance types the simulated cloud knows, as {@code DescribeInstanceTypes}
 * reports them ({@code GpuInfo}: memory per GPU times count). A type of a GPU family with a size not
 * listed is refused as EC2 refuses an unknown type; any other well-formed type has no GPUs.
 */
final class GpuCatalog {

    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9-]*\\.[a-z0-9]+$");

    private record Family(String model, String manufacturer, long memoryMibPerGpu, Map<String, Integer> gpusBySize) {}

    private static final Map<String, Integer> G_SIZES = Map.of("xlarge", 1, "2xlarge", 1, "4xlarge", 1, "8xlarge", 1,
            "16xlarge", 1, "12xlarge", 4, "24xlarge", 4, "48xlarge", 8);

    private static final Map<String, Family> FAMILIES = Map.of(
            "g4dn", new Family("T4", "NVIDIA", 16_384, Map.of("xlarge", 1, "2xlarge", 1, "4xlarge", 1, "8xlarge", 1,
                    "16xlarge", 1, "12xlarge", 4, "metal", 8)),
            "g4ad", new Family("Radeon Pro V520", "AMD", 8_192, Map.of("xlarge", 1, "2xlarge", 1, "4xlarge", 1,
                    "8xlarge", 2, "16xlarge", 4)),
            "g5", new Family("A10G", "NVIDIA", 24_576, G_SIZES),
            "g6", new Family("L4", "NVIDIA", 22_888, G_SIZES),
            "g6e", new Family("L40S", "NVIDIA", 45_776, Map.of("xlarge", 1, "2xlarge", 1, "4xlarge", 1, "8xlarge", 1,
                    "16xlarge", 1, "12xlarge", 2, "24xlarge", 4, "48xlarge", 8)),
            "p3", new Family("V100", "NVIDIA", 16_384, Map.of("2xlarge", 1, "8xlarge", 4, "16xlarge", 8)),
            "p3dn", new Family("V100", "NVIDIA", 32_768, Map.of("24xlarge", 8)),
            "p4d", new Family("A100", "NVIDIA", 40_960, Map.of("24xlarge", 8)),
            "p5", new Family("H100", "NVIDIA", 81_920, Map.of("48xlarge", 8)));

    private GpuCatalog() {}

    /**
     * @param instanceType e.g. {@code g4dn.xlarge}
     * @return its GPUs, or empty for a type without
     * @throws IllegalArgumentException for a malformed type or an unknown size of a GPU family
     */
    static Optional<GpuSpec> lookup(String instanceType) {
        if (instanceType == null || !TYPE.matcher(instanceType).matches()) {
            throw new IllegalArgumentException("'" + instanceType + "' is not an instance type; expected family.size, e.g. g4dn.xlarge");
        }
        int dot = instanceType.indexOf('.');
        Family family = FAMILIES.get(instanceType.substring(0, dot));
        if (family == null) {
            return Optional.empty();
        }
        Integer count = family.gpusBySize().get(instanceType.substring(dot + 1));
        if (count == null) {
            throw new IllegalArgumentException("'" + instanceType + "' is not a size of " + instanceType.substring(0, dot)
                    + "; the simulated cloud knows " + new java.util.TreeSet<>(family.gpusBySize().keySet()));
        }
        return Optional.of(new GpuSpec(family.model(), family.manufacturer(), count, family.memoryMibPerGpu() * count));
    }
}

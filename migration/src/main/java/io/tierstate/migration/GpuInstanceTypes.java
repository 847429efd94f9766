package io.tierstate.migration;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Tells GPU instance types from others by their family, the way the v2 → v3 migration decides
 * {@code gpu_enabled}.
 *
 * <p>A GPU type is one whose family (the part before the first {@code .}) matches
 * {@code ^(g|gr|p)[0-9]}, ignoring case: g4dn, g5, g6e, gr6, p3, p4d, p5 are GPU families; inf, trn
 * and dl (Inferentia, Trainium, Gaudi accelerators) and every CPU family are not.
 *
 * <pre>{@code
 * GpuInstanceTypes.isGpu("g4dn.xlarge");  // true
 * GpuInstanceTypes.isGpu("inf2.xlarge");  // false
 * }</pre>
 */
public final class GpuInstanceTypes {

    private static final Pattern GPU_FAMILY = Pattern.compile("^(g|gr|p)[0-9]", Pattern.CASE_INSENSITIVE);

    private GpuInstanceTypes() {
    }

    /**
     * Tells whether an EC2 instance type has NVIDIA GPUs.
     *
     * @param instanceType e.g. {@code g5.2xlarge}; surrounding spaces are ignored
     * @return whether its family is a GPU family
     */
    public static boolean isGpu(String instanceType) {
        return GPU_FAMILY.matcher(family(instanceType)).find();
    }

    /**
     * Returns the family of an instance type: the part before the first {@code .}.
     *
     * @param instanceType e.g. {@code p4d.24xlarge}
     * @return e.g. {@code p4d}; the whole (stripped) text when it has no {@code .}
     */
    public static String family(String instanceType) {
        String type = Objects.requireNonNull(instanceType, "instanceType").strip();
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}

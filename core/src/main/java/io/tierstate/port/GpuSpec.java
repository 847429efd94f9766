package io.tierstate.port;

/**
 * The GPUs of an instance type, from {@code DescribeInstanceTypes} {@code GpuInfo}.
 *
 * @param model e.g. {@code T4}, {@code A10G}
 * @param manufacturer e.g. {@code NVIDIA}
 * @param count GPUs per instance
 * @param totalMemoryMib memory across all GPUs, in MiB
 */
public record GpuSpec(String model, String manufacturer, int count, long totalMemoryMib) {}

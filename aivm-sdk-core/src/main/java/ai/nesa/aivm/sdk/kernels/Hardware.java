package ai.nesa.aivm.sdk.kernels;

/**
 * What a kernel needs of the machine that runs it. Every component is null when not stated.
 *
 * @param cpuCores CPU cores needed
 * @param memory main memory needed, in bytes
 * @param gpu what it needs of a GPU
 * @since 0.1.0
 */
public record Hardware(Integer cpuCores, Long memory, Gpu gpu) {}

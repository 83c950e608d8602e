package ai.nesa.aivm.sdk.kernels;

/**
 * What a kernel needs of a GPU.
 *
 * @param required whether the kernel cannot run without one
 * @param memory GPU memory needed in bytes; null when not stated
 * @since 0.1.0
 */
public record Gpu(boolean required, Long memory) {}

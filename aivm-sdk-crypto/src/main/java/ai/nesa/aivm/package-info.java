/**
 * The AIVM SDK's root types, shared by every module: {@link ai.nesa.aivm.AivmException}, the
 * unchecked root of everything the SDK throws, and {@link ai.nesa.aivm.AivmValidationException}
 * with its {@link ai.nesa.aivm.Problem}s.
 *
 * @since 0.1.0
 */
package ai.nesa.aivm;

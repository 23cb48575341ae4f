package io.pxrcad.artifact;

import io.pxrcad.DataException;

/**
 * A model artifact or a weight file is unusable: a tensor is missing, extra or of the wrong
 * shape, a hash does not match, a file is truncated or {@code model.json} is invalid. The person
 * who supplied the file must fix it. Messages name the tensor or file and give expected and
 * actual values.
 */
public class ModelArtifactException extends DataException {
    public ModelArtifactException(String message) { super(message); }
    public ModelArtifactException(String message, Throwable cause) { super(message, cause); }
}

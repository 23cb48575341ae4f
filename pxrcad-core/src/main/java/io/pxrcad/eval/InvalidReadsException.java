package io.pxrcad.eval;

import io.pxrcad.DataException;

/** A reader-study reads file or truth that cannot be analysed (the study coordinator must fix it). */
public class InvalidReadsException extends DataException {
    public InvalidReadsException(String message) { super(message); }
}

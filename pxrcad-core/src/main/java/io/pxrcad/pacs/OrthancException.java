package io.pxrcad.pacs;

import io.pxrcad.DataException;

/**
 * Orthanc could not be reached or refused a request: the user fixes the server, its address or
 * the credentials. The message names the request and Orthanc's answer, never a password.
 */
public class OrthancException extends DataException {
    public OrthancException(String message) { super(message); }

    public OrthancException(String message, Throwable cause) { super(message, cause); }
}

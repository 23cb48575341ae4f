package io.pxrcad;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns I/O failures into what a user can act on: the problem and the path, in words
 * ({@code permission denied}, {@code is a folder}), never the name of a Java exception.
 */
public final class IoErrors {
    private IoErrors() {}

    /** The reason an operation on {@code path} failed, without the path, e.g. {@code "permission denied"}. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof CharacterCodingException) return "not UTF-8 text";
        if (e instanceof FileSystemException f && f.getReason() != null) return lower(f.getReason());
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : lower(m);
    }

    /** {@code "cannot read <what> <file>: <reason>"} as a {@link DataException}; {@code what} e.g. {@code "scores file"}. */
    public static DataException cannotRead(String what, Path file, IOException e) {
        if (Files.isDirectory(file)) {
            return new DataException("expected " + what + " " + file + " to be a file but it is a folder", e);
        }
        return new DataException("cannot read " + what + " " + file + ": " + reason(e), e);
    }

    /** The file as UTF-8 text, or a {@link DataException} that names it and says what is wrong. */
    public static String readUtf8(String what, Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(what + " " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw cannotRead(what, file, e);
        }
    }

    private static String lower(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}

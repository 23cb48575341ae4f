package io.pxrcad.data;

import io.pxrcad.AtomicFiles;
import io.pxrcad.PixelBox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a manifest CSV: header {@code image,patient,label,type,boxes} and, when any entry has
 * one, a {@code split} column. Boxes are {@code x0,y0,x1,y1} joined by {@code ;}, the field
 * quoted. Written atomically.
 */
public final class ManifestWriter {
    private ManifestWriter() {}

    public static void write(Path file, List<ManifestEntry> entries) throws IOException {
        AtomicFiles.writeString(file, toCsv(entries));
    }

    public static String toCsv(List<ManifestEntry> entries) {
        boolean withSplit = entries.stream().anyMatch(e -> e.split().isPresent());
        StringBuilder sb = new StringBuilder(withSplit ? "image,patient,label,type,boxes,split\n" : "image,patient,label,type,boxes\n");
        for (ManifestEntry e : entries) {
            sb.append(Csv.quote(e.image())).append(',')
              .append(Csv.quote(e.patient())).append(',')
              .append(e.label()).append(',')
              .append(e.type().map(t -> t.label()).orElse("")).append(',')
              .append(Csv.quote(e.boxes().stream().map(PixelBox::toCsv).collect(Collectors.joining(";"))));
            if (withSplit) sb.append(',').append(e.split().map(Split::label).orElse(""));
            sb.append('\n');
        }
        return sb.toString();
    }
}

package io.pxrcad.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.pacs.DicomResults;

/**
 * One answered upload as kept for {@code GET /predictions/{id}}: its JSON (never changed after it
 * is stored), its pictures (the overlay, the raw map and the radiograph as a browser can show it,
 * each drawn when first fetched), and its DICOM results when they were asked for.
 *
 * @param dicom the structured report and secondary capture, or null when not asked for
 */
record StoredPrediction(String id, ObjectNode json, Pictures pictures, DicomResults.Results dicom) {}

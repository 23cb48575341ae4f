/**
 * Results back in the PACS: a {@link io.pxrcad.infer.Detection} as DICOM objects stored beside
 * its source ({@link io.pxrcad.pacs.DicomResults}: a TID 1500 Comprehensive SR and a Secondary
 * Capture with the finding burned in), and the follower of an Orthanc server's change feed that
 * scores new radiographs and stores their results. Sits above {@code infer} (it scores) and
 * {@code report} (it draws the overlay); no DJL.
 */
package io.pxrcad.pacs;

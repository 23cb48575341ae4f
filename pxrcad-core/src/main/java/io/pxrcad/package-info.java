/**
 * The shared vocabulary of pxrcad: {@link io.pxrcad.Radiograph}, {@link io.pxrcad.PixelBox},
 * {@link io.pxrcad.FractureType} and the data-error family rooted at
 * {@link io.pxrcad.DataException}, and {@link io.pxrcad.ProgressListener}, to which long loops
 * report (the application draws them). Every other package depends on this one, never the reverse.
 */
package io.pxrcad;

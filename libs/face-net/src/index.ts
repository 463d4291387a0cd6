export { normaliseBox, squareAround, type PixelBox } from './lib/boxes';
export { asFloat32, cropFaces, fitCrops, greyModelInput } from './lib/crops';
export { fitPadded, fitSquare, suppress, type FaceDetection, type SuppressionOptions } from './lib/detection';
export { decodeWeightManifest, weight } from './lib/weights';
export { TINY_FACE_STRIDE, detectTinyFaces, prepareTinyFaceWeights, type TinyFaceSettings } from './lib/tiny-face-net';

import { cancelMLTaskRun, getMLTaskRun, getMLTaskRuns, startExportLabelsTaskRun, startImportLabelsTaskRun, startMLEvaluationTaskRun, startMLLabelingSetGenerationTaskRun } from "./task-runs.js";
import { createMLTransform, deleteMLTransform, getMLTransform, getMLTransforms, listMLTransforms, updateMLTransform } from "./transforms.js";

/** ML transforms (FIND_MATCHES) and their task runs. */
export const ML_OPERATIONS = {
  CreateMLTransform: createMLTransform,
  GetMLTransform: getMLTransform,
  GetMLTransforms: getMLTransforms,
  ListMLTransforms: listMLTransforms,
  UpdateMLTransform: updateMLTransform,
  DeleteMLTransform: deleteMLTransform,
  StartMLEvaluationTaskRun: startMLEvaluationTaskRun,
  StartMLLabelingSetGenerationTaskRun: startMLLabelingSetGenerationTaskRun,
  StartImportLabelsTaskRun: startImportLabelsTaskRun,
  StartExportLabelsTaskRun: startExportLabelsTaskRun,
  GetMLTaskRun: getMLTaskRun,
  GetMLTaskRuns: getMLTaskRuns,
  CancelMLTaskRun: cancelMLTaskRun,
};

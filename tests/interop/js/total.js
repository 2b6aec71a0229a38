#!/usr/bin/env node
// Evaluate a Questionnaire's total-score calculatedExpression with HL7's fhirpath.js.
//
// Reads {"questionnaire": Questionnaire, "totalLinkId": str, "responses": [QuestionnaireResponse]}
// as JSON on stdin and prints a JSON array with, for each response, the expression's
// result as a FHIRPath collection (e.g. [12], or [] when the total is left empty).
// %resource is the response and %questionnaire the Questionnaire, as in SDC; weight()
// reads the itemWeight/ordinalValue extensions from %questionnaire. No terminology
// server is given, so an unweighted answer makes the evaluation throw (reported as an
// {"error": message} entry) rather than reach the network.
'use strict';

const fhirpath = require('fhirpath');
const r4Model = require('fhirpath/fhir-context/r4');

const CALCULATED_EXPRESSION =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression';

function findItem(items, linkId) {
  for (const item of items || []) {
    if (item.linkId === linkId) return item;
    const found = findItem(item.item, linkId);
    if (found) return found;
  }
  return null;
}

function main(text) {
  const { questionnaire, totalLinkId, responses } = JSON.parse(text);
  const total = findItem(questionnaire.item, totalLinkId);
  if (!total) throw new Error(`no item ${totalLinkId}`);
  const extension = (total.extension || []).find((e) => e.url === CALCULATED_EXPRESSION);
  if (!extension) throw new Error(`item ${totalLinkId} has no calculatedExpression`);
  const expression = extension.valueExpression.expression;
  return responses.map((response) => {
    try {
      return fhirpath.evaluate(response, expression, { resource: response, questionnaire }, r4Model);
    } catch (error) {
      return { error: String(error && error.message ? error.message : error) };
    }
  });
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(main(input)) + '\n');
});

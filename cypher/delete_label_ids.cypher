// Delete nodes of one label by id, whether or not they carry PlanNode: bench/load.py removes
// the nodes its per-row baseline wrote. Template: {{LABEL}} is filled from graph.model.Label only.
// Parameters: $ids (list of node ids). Returns one row: deleted.
UNWIND $ids AS id
MATCH (n:{{LABEL}} {id: id})
DETACH DELETE n
RETURN count(*) AS deleted

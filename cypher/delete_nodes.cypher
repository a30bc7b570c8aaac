// Delete nodes and every relationship touching them. Parameters: $ids (list of node ids).
UNWIND $ids AS id
MATCH (n:PlanNode {id: id})
DETACH DELETE n
RETURN count(*) AS deleted

/* plankg explorer: the Chinese words for what the API says in English identifiers.
 *
 * Property names, property values with a fixed vocabulary (kind), and the reasons the loaders
 * give for a relationship. Anything not listed here is shown as the API gives it, so a new
 * property or a reworded reason is never hidden, only untranslated.
 */
'use strict';

window.PLANKG_ZH = (function () {
  const PROPERTIES = {
    id: '编号', city: '城市', kind: '类别', order: '序号', number: '编号（文中）', programmes: '专项计划',
    value: '目标值', unit: '单位', base_value: '换算值', base_unit: '换算单位', comparator: '比较方式',
    hedge: '限定语', target_year: '目标年份', rank_scope: '排名范围', base_year: '基期年份', text: '原文片段',
    aliases: '别名', resolved: '已对照名录', leader_roles: '组长职务', named_in_text: '文中点名',
    titles: '职务', as_of: '截至', title: '标题', index_no: '索引号', written_date: '成文日期',
    published_date: '发布日期', doc_number: '文号', issuer: '发布机关', encoding: '编码', sha256: 'SHA-256',
    chars: '字数', shared_terms: '共同词', role: '职责',
  };
  const KINDS = {
    focus_area: '聚焦领域', action: '举措', key_task: '重点任务', sub_task: '子任务',
    leading_group: '领导小组', task_force: '专班',
  };
  // [pattern, Chinese]: $1, $2 … are the pattern's groups (names and words the reason quotes)
  const REASONS = [
    [/^a clause of the key task's summary$/, '重点任务概述中的一项'],
    [/^an action in the positioning's paragraph$/, '城市定位段落中的一项举措'],
    [/^listed after 聚焦 in the positioning's paragraph$/, '城市定位段落中“聚焦”之后列出'],
    [/^stated in the positioning's part of the document$/, '文件中该城市定位部分所述'],
    [/^one such plan for each positioning \((.+)\)$/, '每个城市定位各有一个此类规划（$1）'],
    [/^listed among the co-drafting departments$/, '列为联合起草部门'],
    [/^listed as the positionings of the overall goal$/, '列为总目标下的城市定位'],
    [/^the text sets up (.+) for (.+) without naming them; one per positioning is inferred from the matching count$/,
      '原文为$2设立$1但未列出名称；按数量对应，推断每个城市定位一个'],
    [/^a numbered key task of the plan$/, '规划中编号的重点任务'],
    [/^the department's head presented it \(介绍\/解读\); the text does not state the department is responsible$/,
      '该部门负责人在发布会上作了介绍（介绍/解读）；原文未明确该部门负责'],
    [/^the document's main plan$/, '文件的主体规划'],
    [/^co-drafted (.+); its domain words \((.+)\) recur in the positioning's paragraph\. The text does not state this responsibility\.$/,
      '参与起草《$1》；其领域词（$2）在该城市定位段落中反复出现。原文未明确此职责。'],
    [/^the sentence states the department's role$/, '句子明确了该部门的职责'],
    [/^named as the office that implements and interprets the plan$/, '被指定为负责实施和解释该规划的机构'],
    [/^the plan's title names the goal$/, '规划标题点明了总目标'],
    [/^inferred across documents: its heading names the goal's words\. No sentence states this link\.$/,
      '跨文件推断：其标题含有总目标的词语。没有句子明确表述此关系。'],
    [/^inferred across documents: its summary shares these words with the positioning's tasks and targets\. No sentence states this link\.$/,
      '跨文件推断：其概述与该城市定位的任务和指标有共同词语。没有句子明确表述此关系。'],
    [/^inferred across documents: (.+)\. No sentence states this link\.$/, '跨文件推断：$1。没有句子明确表述此关系。'],
    [/^set up to drive (.+), which carries the overall goal$/, '为推进$1而设立，$1承载总目标'],
    [/^the leading group of the plan's drafting$/, '规划编制工作的领导小组'],
    [/^由…担任组长: the sentence names the leader$/, '“由…担任组长”：句子点明了组长'],
  ];

  function property(key) {
    return PROPERTIES[key] || key;
  }

  function value(key, raw) {
    if (typeof raw === 'boolean') return raw ? '是' : '否';
    if (key === 'kind' && KINDS[raw]) return KINDS[raw];
    if (Array.isArray(raw)) return raw.join('、');
    return String(raw);
  }

  function reason(text) {
    for (const [pattern, zh] of REASONS) {
      if (pattern.test(text)) return text.replace(pattern, zh);
    }
    return text;
  }

  return Object.freeze({ property, value, reason });
}());

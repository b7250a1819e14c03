"""MkDocs hook: the ``curriculum`` plugin (``curriculum.mkdocs_plugin``) as a hook, for a mkdocs.yml that
names ``hooks: - hooks/curriculum_hook.py`` instead of ``plugins: - curriculum``. Everything is the
package's: upgrading the package upgrades this hook."""

from curriculum.mkdocs_plugin import CurriculumPlugin

_plugin = CurriculumPlugin.as_hook()

on_startup = _plugin.on_startup
on_config = _plugin.on_config
on_env = _plugin.on_env
on_files = _plugin.on_files
on_serve = _plugin.on_serve
on_post_page = _plugin.on_post_page
on_post_template = _plugin.on_post_template

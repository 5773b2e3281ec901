"""The case kernel, step 1 of 2: the generic header gains ``workflow`` and ``origin``, the
panel becomes case assignments with a role. The ruling columns are copied into
``ruling.RulingCase`` by ruling 0001 and only then removed (0004)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_attachments'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='workflow',
            field=models.CharField(db_index=True, default='ruling', max_length=30, verbose_name='workflow'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='case',
            name='origin',
            field=models.ForeignKey(blank=True, help_text='The case this one came from, e.g. the ruling case a mediation started from.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='derived_cases', to='cases.case', verbose_name='originating case'),
        ),
        migrations.RemoveIndex(model_name='case', name='case_office_state'),
        migrations.RemoveIndex(model_name='case', name='case_officer_state'),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['office', 'workflow'], name='case_office_workflow'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['officer_in_charge', 'closed_on'], name='case_officer_closed'),
        ),
        migrations.RemoveConstraint(model_name='panelmember', name='uniq_panel_case_user'),
        migrations.RenameModel('PanelMember', 'CaseAssignment'),
        migrations.AlterModelOptions(
            name='caseassignment',
            options={'ordering': ['-role', 'id'], 'verbose_name': 'case assignment', 'verbose_name_plural': 'case assignments'},
        ),
        migrations.AlterField(
            model_name='caseassignment',
            name='case',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='cases.case', verbose_name='case'),
        ),
        migrations.AlterField(
            model_name='caseassignment',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='case_assignments', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
        migrations.AlterField(
            model_name='caseassignment',
            name='role',
            field=models.CharField(choices=[('presiding', 'Presiding officer'), ('member', 'Panel member'), ('mediator', 'Mediator'), ('approver', 'Approver')], max_length=20, verbose_name='role in the case'),
        ),
        migrations.AddConstraint(
            model_name='caseassignment',
            constraint=models.UniqueConstraint(fields=('case', 'user', 'role'), name='uniq_assignment_case_user_role'),
        ),
        migrations.AddIndex(
            model_name='caseassignment',
            index=models.Index(fields=['user', 'role'], name='assignment_user_role'),
        ),
    ]

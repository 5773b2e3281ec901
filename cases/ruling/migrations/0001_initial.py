"""The ruling workflow's own table, one row per ruling case sharing the case's primary key,
filled from the columns the case header held until cases 0004 removes them.

Not copied: the due dates (``answer_due_on``, ``suit_period_ends_on``,
``demand_wait_ends_on``), which live in the case's Deadline rows, and the bare-integer
links ``mediation_reference`` / ``referral_reference``, which no code ever wrote (a
derived case now names its ``origin``); the migration stops rather than drop one that
holds a value.
"""

import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models


# The RulingCase fields that are columns of the old case row, copied one to one.
COPIED = [
    'state', 'is_simple', 'accused_products', 'infringing_acts', 'sales_channel', 'platform',
    'infringement_place', 'infringement_region_code', 'product_category', 'amount_claimed',
    'requester_claims', 'facts', 'court_suit_pending', 'acceptance_checklist', 'accepted_on',
    'correction_items', 'rejection_reasons', 'respondent_served_on',
    'respondent_service_method', 'answer_received_on', 'respondent_defence',
    'answer_copy_sent_on', 'hearing_at', 'hearing_place', 'hearing_held_at',
    'hearing_minutes', 'respondent_absent', 'draft_outcome', 'draft_order_text', 'findings',
    'reasoning', 'legal_review_passed', 'legal_review_opinion', 'legal_reviewer_id',
    'outcome', 'order_text', 'decided_on', 'time_limit_extended', 'ruling_served_on',
    'litigation_court', 'litigation_case_number', 'litigation_result', 'effective_on',
    'demand_served_on', 'enforcement_court', 'enforcement_applied_on',
    'state_before_suspension', 'suspension_reason', 'state_before_mediation',
    'referral_kind', 'referral_target', 'closing_summary', 'withdrawal_reason',
]


def copy_ruling_columns(apps, schema_editor):
    Case = apps.get_model('cases', 'Case')
    RulingCase = apps.get_model('ruling', 'RulingCase')
    linked = Case.objects.exclude(mediation_reference=None, referral_reference=None)
    if linked.exists():
        raise RuntimeError(
            'cases %s hold a bare mediation/referral reference; link the derived cases by '
            'their origin before migrating' % list(linked.values_list('number', flat=True)))
    batch = []
    for row in Case.objects.values('pk', *COPIED).iterator(chunk_size=2000):
        batch.append(RulingCase(case_id=row.pop('pk'), **row))
        if len(batch) >= 2000:
            RulingCase.objects.bulk_create(batch)
            batch = []
    RulingCase.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    Case = apps.get_model('cases', 'Case')
    RulingCase = apps.get_model('ruling', 'RulingCase')
    for row in RulingCase.objects.values('case_id', *COPIED).iterator(chunk_size=2000):
        Case.objects.filter(pk=row.pop('case_id')).update(**row)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cases', '0003_case_kernel_header'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='RulingCase',
            fields=[
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='ruling', serialize=False, to='cases.case', verbose_name='case')),
                ('state', django_fsm.FSMField(choices=[('received', 'Received'), ('correction_requested', 'Correction requested'), ('rejected', 'Not accepted'), ('accepted', 'Accepted'), ('awaiting_answer', 'Awaiting answer'), ('investigation', 'Under investigation'), ('hearing_scheduled', 'Hearing scheduled'), ('deliberation', 'Panel deliberation'), ('pending_approval', 'Pending approval'), ('decided', 'Decided'), ('served', 'Ruling served'), ('in_litigation', 'In litigation'), ('effective', 'Effective'), ('enforcement', 'Court enforcement'), ('suspended', 'Suspended'), ('mediating', 'Mediating'), ('withdrawn', 'Withdrawn'), ('transferred', 'Transferred'), ('closed', 'Closed')], db_index=True, default='received', max_length=50, protected=True, verbose_name='state')),
                ('is_simple', models.BooleanField(default=False, verbose_name='simple case (single officer)')),
                ('accused_products', models.JSONField(blank=True, default=list, verbose_name='accused products')),
                ('infringing_acts', models.JSONField(blank=True, default=list, verbose_name='infringing acts')),
                ('sales_channel', models.CharField(choices=[('offline', 'Offline'), ('online', 'Online platform')], default='offline', max_length=10, verbose_name='sales channel')),
                ('platform', models.CharField(blank=True, max_length=50, verbose_name='online platform')),
                ('infringement_place', models.CharField(blank=True, max_length=200, verbose_name='place of infringement')),
                ('infringement_region_code', models.CharField(blank=True, max_length=6, verbose_name='region code of the place of infringement')),
                ('product_category', models.CharField(blank=True, max_length=60, verbose_name='product category')),
                ('amount_claimed', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='amount claimed (yuan)')),
                ('requester_claims', models.TextField(blank=True, verbose_name="requester's claims")),
                ('facts', models.TextField(blank=True, verbose_name='facts and reasons')),
                ('court_suit_pending', models.BooleanField(default=False, verbose_name='a court suit on the same dispute exists')),
                ('acceptance_checklist', models.JSONField(blank=True, default=dict, verbose_name='acceptance checklist')),
                ('accepted_on', models.DateField(blank=True, null=True, verbose_name='accepted on')),
                ('correction_items', models.JSONField(blank=True, default=list, verbose_name='items to correct')),
                ('rejection_reasons', models.TextField(blank=True, verbose_name='reasons for not accepting')),
                ('respondent_served_on', models.DateField(blank=True, null=True, verbose_name='respondent served on')),
                ('respondent_service_method', models.CharField(blank=True, choices=[('direct', 'Direct service'), ('mail', 'Service by post'), ('electronic', 'Electronic service'), ('left', 'Service by leaving at domicile'), ('public_notice', 'Service by public notice')], max_length=20, verbose_name='service method')),
                ('answer_received_on', models.DateField(blank=True, null=True, verbose_name='answer received on')),
                ('respondent_defence', models.TextField(blank=True, verbose_name="respondent's defence")),
                ('answer_copy_sent_on', models.DateField(blank=True, null=True, verbose_name='answer copy sent to requester on')),
                ('hearing_at', models.DateTimeField(blank=True, null=True, verbose_name='hearing time')),
                ('hearing_place', models.CharField(blank=True, max_length=200, verbose_name='hearing place')),
                ('hearing_held_at', models.DateTimeField(blank=True, null=True, verbose_name='hearing held at')),
                ('hearing_minutes', models.TextField(blank=True, verbose_name='hearing minutes')),
                ('respondent_absent', models.BooleanField(default=False, verbose_name='respondent heard in absence')),
                ('draft_outcome', models.CharField(blank=True, choices=[('infringement_found', 'Infringement found, order to stop'), ('dismissed', 'Request dismissed'), ('settled', 'Settled by mediation')], max_length=20, verbose_name='draft outcome')),
                ('draft_order_text', models.TextField(blank=True, verbose_name='draft order')),
                ('findings', models.TextField(blank=True, verbose_name='facts found')),
                ('reasoning', models.TextField(blank=True, verbose_name='reasoning')),
                ('legal_review_passed', models.BooleanField(blank=True, null=True, verbose_name='legal review passed')),
                ('legal_review_opinion', models.TextField(blank=True, verbose_name='legal review opinion')),
                ('outcome', models.CharField(blank=True, choices=[('infringement_found', 'Infringement found, order to stop'), ('dismissed', 'Request dismissed'), ('settled', 'Settled by mediation')], max_length=20, verbose_name='outcome')),
                ('order_text', models.TextField(blank=True, verbose_name='operative part of the ruling')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='decided on')),
                ('time_limit_extended', models.BooleanField(default=False, verbose_name='time limit extended')),
                ('ruling_served_on', models.DateField(blank=True, null=True, verbose_name='ruling served on')),
                ('ruling_service_method', models.CharField(blank=True, choices=[('direct', 'Direct service'), ('mail', 'Service by post'), ('electronic', 'Electronic service'), ('left', 'Service by leaving at domicile'), ('public_notice', 'Service by public notice')], max_length=20, verbose_name='service method of the ruling')),
                ('litigation_court', models.CharField(blank=True, max_length=100, verbose_name='court')),
                ('litigation_case_number', models.CharField(blank=True, max_length=60, verbose_name='court case number')),
                ('litigation_result', models.CharField(blank=True, choices=[('upheld', 'Ruling upheld'), ('revoked', 'Ruling revoked'), ('suit_withdrawn', 'Suit withdrawn')], max_length=20, verbose_name='litigation result')),
                ('effective_on', models.DateField(blank=True, null=True, verbose_name='effective on')),
                ('demand_served_on', models.DateField(blank=True, null=True, verbose_name='demand for performance served on')),
                ('enforcement_court', models.CharField(blank=True, max_length=100, verbose_name='enforcement court')),
                ('enforcement_applied_on', models.DateField(blank=True, null=True, verbose_name='enforcement applied on')),
                ('state_before_suspension', models.CharField(blank=True, choices=[('received', 'Received'), ('correction_requested', 'Correction requested'), ('rejected', 'Not accepted'), ('accepted', 'Accepted'), ('awaiting_answer', 'Awaiting answer'), ('investigation', 'Under investigation'), ('hearing_scheduled', 'Hearing scheduled'), ('deliberation', 'Panel deliberation'), ('pending_approval', 'Pending approval'), ('decided', 'Decided'), ('served', 'Ruling served'), ('in_litigation', 'In litigation'), ('effective', 'Effective'), ('enforcement', 'Court enforcement'), ('suspended', 'Suspended'), ('mediating', 'Mediating'), ('withdrawn', 'Withdrawn'), ('transferred', 'Transferred'), ('closed', 'Closed')], max_length=30, verbose_name='state before suspension')),
                ('suspension_reason', models.TextField(blank=True, verbose_name='reason for suspension')),
                ('state_before_mediation', models.CharField(blank=True, choices=[('received', 'Received'), ('correction_requested', 'Correction requested'), ('rejected', 'Not accepted'), ('accepted', 'Accepted'), ('awaiting_answer', 'Awaiting answer'), ('investigation', 'Under investigation'), ('hearing_scheduled', 'Hearing scheduled'), ('deliberation', 'Panel deliberation'), ('pending_approval', 'Pending approval'), ('decided', 'Decided'), ('served', 'Ruling served'), ('in_litigation', 'In litigation'), ('effective', 'Effective'), ('enforcement', 'Court enforcement'), ('suspended', 'Suspended'), ('mediating', 'Mediating'), ('withdrawn', 'Withdrawn'), ('transferred', 'Transferred'), ('closed', 'Closed')], max_length=30, verbose_name='state before mediation')),
                ('referral_kind', models.CharField(blank=True, choices=[('crime', 'Suspected crime, to public security'), ('jurisdiction', 'No jurisdiction, to the competent authority'), ('superior', 'Major case, to the superior office')], max_length=20, verbose_name='referral kind')),
                ('referral_target', models.CharField(blank=True, max_length=200, verbose_name='referred to')),
                ('closing_summary', models.TextField(blank=True, verbose_name='closing report')),
                ('withdrawal_reason', models.TextField(blank=True, verbose_name='reason for withdrawal')),
                ('legal_reviewer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='legal reviewer')),
            ],
            options={
                'verbose_name': 'ruling case',
                'verbose_name_plural': 'ruling cases',
            },
            bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
        ),
        migrations.RunPython(copy_ruling_columns, copy_back),
    ]

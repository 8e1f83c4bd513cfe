/**
 * Export of one region for vendors: schools, classes, people, accounts, timetable, lessons,
 * homework, marks and attendance to date, and the ЦОК catalogue — streamed file by file into a
 * temporary folder that is renamed into place only when complete.
 */
import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WorldInputError } from '../errors.ts';
import { BELLS, isoOf } from '../world/calendar.ts';
import { Catalogue } from '../world/catalogue.ts';
import { Journal } from '../world/journal.ts';
import { className } from '../world/region-layout.ts';
import { SUBJECTS } from '../world/subjects.ts';
import type { Person } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { EXPORT_FORMATS, RowWriter, type ExportFormat } from './writer.ts';

export interface ExportOptions {
  readonly world: World;
  readonly region: string;
  readonly outDir: string;
  readonly format: ExportFormat;
  /** Called now and then with work done and total (pupils + classes). */
  readonly onProgress?: (done: number, total: number, stage: string) => void;
}

export interface ExportSummary {
  readonly outDir: string;
  readonly files: Readonly<Record<string, number>>;
}

const COLUMNS = {
  schools: [
    'id',
    'regionCode',
    'shortName',
    'fullName',
    'type',
    'headSchoolId',
    'ogrn',
    'inn',
    'kpp',
    'oktmo',
    'municipality',
    'address',
    'phone',
    'email',
    'cokAccess',
    'classes',
    'pupils',
  ],
  classes: ['id', 'schoolId', 'name', 'grade', 'size', 'classTeacherId'],
  people: [
    'id',
    'kind',
    'regionCode',
    'homeRegionCode',
    'lastName',
    'firstName',
    'middleName',
    'sex',
    'birthDate',
    'snils',
    'inn',
    'citizenship',
    'registryCitizenship',
    'address',
    'documents',
    'memberships',
    'lessonPermission',
  ],
  accounts: ['personId', 'oid', 'level', 'createdByParent', 'linkedParentOids', 'email', 'mobile'],
  timetable: ['classId', 'weekday', 'number', 'start', 'end', 'subject', 'teacherId'],
  lessons: ['id', 'classId', 'date', 'number', 'start', 'end', 'subject', 'teacherId', 'topic', 'homework', 'classroom'],
  homework: ['lessonId', 'classId', 'date', 'subject', 'teacherId', 'homework'],
  marks: ['id', 'lessonId', 'date', 'pupilId', 'value', 'weight', 'workType'],
  attendance: ['lessonId', 'date', 'pupilId', 'code'],
  catalogue: ['id', 'subject', 'subjectCode', 'grade', 'section', 'topic', 'type', 'title', 'durationMinutes', 'provider'],
} as const;

type FileName = keyof typeof COLUMNS;

/** Checks the output folder before any work: it must be new or empty, and its parent writable. */
export async function checkOutDir(outDir: string): Promise<void> {
  const target = resolve(outDir);
  const existing = await stat(target).catch(() => null);
  if (existing && (!existing.isDirectory() || (await readdir(target)).length > 0)) {
    throw new WorldInputError('--out', outDir, 'a new or empty folder');
  }
  await mkdir(dirname(target), { recursive: true }).catch(() => undefined);
  try {
    await access(dirname(target), constants.W_OK);
  } catch {
    throw new WorldInputError('--out', outDir, 'a folder whose parent exists and is writable');
  }
}

export async function exportWorld(options: ExportOptions): Promise<ExportSummary> {
  const { world, region, format } = options;
  if (!EXPORT_FORMATS.includes(format)) throw new WorldInputError('format', format, EXPORT_FORMATS.join(' or '));
  if (!world.hasRegion(region))
    throw new WorldInputError(
      'region',
      region,
      `a region of this world: ${world.regionCodes.slice(0, 8).join(', ')}${world.regionCodes.length > 8 ? ', …' : ''}`,
    );
  const outDir = resolve(options.outDir);
  await checkOutDir(outDir);
  const temporary = `${outDir}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(temporary);
  } catch {
    throw new WorldInputError('--out', options.outDir, 'a folder whose parent exists and is writable');
  }
  const writers = new Map<FileName, RowWriter>();
  try {
    for (const name of Object.keys(COLUMNS) as FileName[]) {
      writers.set(name, new RowWriter(join(temporary, `${name}.${format}`), format, COLUMNS[name]));
    }
    const w = (name: FileName) => writers.get(name) as RowWriter;
    await writeRegion(world, region, w, options.onProgress);
    const catalogue = new Catalogue();
    for (let i = 0; i < catalogue.size; i++) {
      w('catalogue').write({ ...catalogue.item(i) });
      if (i % 5000 === 0) await w('catalogue').drain();
    }
    const files: Record<string, number> = {};
    for (const [name, writer] of writers) {
      await writer.close();
      files[`${name}.${format}`] = writer.rows;
    }
    await rm(outDir, { recursive: true, force: true });
    await rename(temporary, outDir);
    return { outDir, files };
  } catch (error) {
    await Promise.allSettled([...writers.values()].map((writer) => writer.close()));
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

async function writeRegion(world: World, code: string, w: (name: FileName) => RowWriter, onProgress: ExportOptions['onProgress']): Promise<void> {
  const people = world.region(code);
  const { layout } = people;
  const classCount = layout.classGrade.length;
  const total = layout.pupilCount + classCount;
  let done = 0;
  const report = (stage: string) => onProgress?.(done, total, stage);
  const classId = (c: number) => `${code}-class-${c}`;
  const teacherId = (t: number) => `${code}-teacher-${t}`;
  const pupilId = (p: number) => `${code}-pupil-${p}`;
  const drainAll = async () => {
    for (const name of Object.keys(COLUMNS) as FileName[]) await w(name).drain();
  };

  for (const school of layout.schools) {
    w('schools').write({
      id: school.id,
      regionCode: code,
      shortName: school.shortName,
      fullName: school.fullName,
      type: school.type,
      headSchoolId: school.headSchoolIndex === null ? null : layout.schools[school.headSchoolIndex]?.id,
      ogrn: school.ogrn,
      inn: school.inn,
      kpp: school.kpp,
      oktmo: school.oktmo,
      municipality: school.municipality.name,
      address: school.address,
      phone: school.phone,
      email: school.email,
      cokAccess: school.cokAccess,
      classes: school.classCount,
      pupils: school.pupilCount,
    });
    for (let c = school.classFirst; c < school.classFirst + school.classCount; c++) {
      w('classes').write({
        id: classId(c),
        schoolId: school.id,
        name: className(layout, c),
        grade: layout.classGrade[c],
        size: layout.classSize[c],
        classTeacherId: teacherId(school.teacherFirst + (school.staffing.classTeacher[c - school.classFirst] ?? 0)),
      });
    }
  }

  const writePerson = (person: Person | undefined): void => {
    if (!person) return;
    w('people').write({
      id: person.id,
      kind: person.kind,
      regionCode: person.regionCode,
      homeRegionCode: person.homeRegionCode,
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName,
      sex: person.sex,
      birthDate: person.birthDate,
      snils: person.snils,
      inn: person.inn,
      citizenship: person.citizenship,
      registryCitizenship: person.registryCitizenship,
      address: person.address,
      documents: person.documents,
      memberships: person.memberships,
      lessonPermission: person.kind === 'pupil' ? person.lessonPermission : null,
    });
    if (person.account) {
      w('accounts').write({
        personId: person.id,
        oid: person.account.oid,
        level: person.account.level,
        createdByParent: person.account.createdByParent,
        linkedParentOids: person.account.linkedParentOids,
        email: person.contacts.email,
        mobile: person.contacts.mobile,
      });
    }
  };

  for (let i = 0; i < layout.pupilCount; i++) {
    writePerson(people.pupil(i));
    if (++done % 5000 === 0) {
      report('people');
      await drainAll();
    }
  }
  for (let f = 0; f < people.families.familyCapacity; f++) {
    writePerson(people.parent('mother', f));
    writePerson(people.parent('father', f));
    if (f % 5000 === 0) await drainAll();
  }
  for (let t = 0; t < layout.teacherCount; t++) writePerson(people.teacher(t));
  for (let a = 0; a < layout.adminCount; a++) writePerson(people.administrator(a));
  for (let c = 0; c < people.citizenCount; c++) writePerson(people.citizen(c));

  const journal = new Journal(people, world.key, false);
  const marks = w('marks');
  const attendance = w('attendance');
  const from = isoOf(world.year.start);
  const to = world.options.asOf < isoOf(world.year.end) ? world.options.asOf : isoOf(world.year.end);
  for (let c = 0; c < classCount; c++) {
    const template = journal.template(c);
    for (const [weekday, slots] of template.entries()) {
      for (const slot of slots) {
        const bell = BELLS[slot.number - 1];
        w('timetable').write({
          classId: classId(c),
          weekday: weekday + 1,
          number: slot.number,
          start: bell?.[0],
          end: bell?.[1],
          subject: SUBJECTS[slot.subjectId]?.name,
          teacherId: teacherId(slot.teacher),
        });
      }
    }
    for (const date of journal.schoolDays(c, from, to)) {
      for (const lesson of journal.lessonsOn(c, date)) {
        w('lessons').write({
          id: lesson.id,
          classId: classId(c),
          date,
          number: lesson.number,
          start: lesson.start,
          end: lesson.end,
          subject: lesson.subject,
          teacherId: teacherId(lesson.teacher),
          topic: lesson.topic,
          homework: lesson.homework,
          classroom: lesson.classroom,
        });
        if (lesson.homework) {
          w('homework').write({
            lessonId: lesson.id,
            classId: classId(c),
            date,
            subject: lesson.subject,
            teacherId: teacherId(lesson.teacher),
            homework: lesson.homework,
          });
        }
        for (const mark of journal.marks(lesson)) {
          marks.writeTrusted([mark.id, mark.lessonId, date, pupilId(mark.pupil), mark.value, mark.weight, mark.workType]);
        }
        for (const entry of journal.attendance(lesson)) {
          attendance.writeTrusted([entry.lessonId, date, pupilId(entry.pupil), entry.code]);
        }
      }
    }
    done++;
    await drainAll();
    if (done % 50 === 0) report('journal');
  }
  report('done');
}
